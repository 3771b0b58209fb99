import PMMC
import PMMCSimulation

/// Where an event sits in a ``Transcript``: its part, its step within the part and its index
/// among the step's events.
struct EventPosition: Hashable, Comparable {
    let part: Int
    let step: Int
    let event: Int

    static func < (lhs: EventPosition, rhs: EventPosition) -> Bool {
        (lhs.part, lhs.step, lhs.event) < (rhs.part, rhs.step, rhs.event)
    }
}

/// One copy of a message as a part of a transcript shows it: where it was sent and what
/// became of it.
struct MessageFlight: Equatable {
    enum Start: Equatable {
        /// Sent (or duplicated) by the event at this position, in the same part.
        case sent(EventPosition)
        /// Sent before the part began: in the part a fork outcome continues from.
        case inherited
        /// No send matches: the transcript shows only a window of a run.
        case unknown
    }

    enum End: Equatable {
        case delivered(EventPosition, ignored: Bool)
        case dropped(EventPosition, reason: String?)
        /// Neither delivered nor dropped by the end of the part.
        case inFlight
    }

    let source: ProcessID
    let destination: ProcessID
    let message: String
    let start: Start
    let end: End
    /// Whether this copy was made by the network duplicating the message.
    let isCopy: Bool
    /// Whether the send was injected by the story rather than made by a process.
    let isInjected: Bool
}

/// The messages of a transcript paired up, send to delivery or drop, part by part.
///
/// Pairing is first in, first out per (source, destination, message text): a delivery or drop
/// takes the oldest copy still pending with the same three values; a `duplicate` event adds a
/// second pending copy. A fork outcome starts with the copies pending at the end of the part
/// it forks from; a part that is no fork outcome continues from the last such part. The one
/// limitation: identical messages between the same two processes that the network reorders
/// are paired in send order, so an arrow may start at the other copy's send.
struct MessageFlow {
    /// The flights each part draws, in the order they end (undelivered ones last, by send).
    let flights: [[MessageFlight]]

    private struct Key: Hashable {
        let source: ProcessID
        let destination: ProcessID
        let message: String
    }

    private struct Pending {
        let id: Int
        let position: EventPosition
        let isCopy: Bool
        let isInjected: Bool
    }

    init(_ transcript: Transcript) {
        var endStates: [[Key: [Pending]]] = []
        var mainLine: [Key: [Pending]] = [:]
        var nextID = 0
        var flights: [[MessageFlight]] = []
        for (partIndex, part) in transcript.parts.enumerated() {
            var queues = mainLine
            if let origin = part.forksFrom, origin >= 0, origin < partIndex {
                queues = endStates[origin]
            }
            var drawn: [MessageFlight] = []
            var ownSends: [(key: Key, pending: Pending)] = []
            var ended = Set<Int>()
            for (stepIndex, step) in part.steps.enumerated() {
                for (eventIndex, event) in step.events.enumerated() {
                    guard let source = event.source, let destination = event.destination, let message = event.message
                    else { continue }
                    let key = Key(source: source, destination: destination, message: message)
                    let position = EventPosition(part: partIndex, step: stepIndex, event: eventIndex)
                    let end: MessageFlight.End
                    switch event.kind {
                    case .send, .duplicate:
                        let pending = Pending(id: nextID, position: position, isCopy: event.kind == .duplicate,
                                              isInjected: event.kind == .send && event.detail == "injected")
                        nextID += 1
                        queues[key, default: []].append(pending)
                        ownSends.append((key, pending))
                        continue
                    case .deliver:
                        end = .delivered(position, ignored: event.detail != nil)
                    case .drop:
                        end = .dropped(position, reason: event.detail)
                    case .spawn, .exit, .timer, .crash, .restart, .decide, .apply, .respond, .partition, .heal, .network:
                        continue
                    }
                    let pending = queues[key]?.first
                    if pending != nil { queues[key]?.removeFirst() }
                    let start: MessageFlight.Start
                    if let pending {
                        ended.insert(pending.id)
                        start = pending.position.part == partIndex ? .sent(pending.position) : .inherited
                    } else {
                        start = .unknown
                    }
                    drawn.append(MessageFlight(source: source, destination: destination, message: message,
                                               start: start, end: end, isCopy: pending?.isCopy ?? false,
                                               isInjected: pending?.isInjected ?? false))
                }
            }
            for (key, pending) in ownSends where !ended.contains(pending.id) {
                drawn.append(MessageFlight(source: key.source, destination: key.destination, message: key.message,
                                           start: .sent(pending.position), end: .inFlight,
                                           isCopy: pending.isCopy, isInjected: pending.isInjected))
            }
            flights.append(drawn)
            endStates.append(queues)
            if part.forksFrom == nil { mainLine = queues }
        }
        self.flights = flights
    }
}

import PMMC
import PMMCSimulation
import PMMCTrace

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
        case dropped(EventPosition, reason: TraceEvent.DropReason?)
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
    /// Where the send is in the transcript, in this part or an earlier one; `nil` when the
    /// transcript does not show it.
    let sentAt: EventPosition?
}

/// The messages of a transcript paired up, send to delivery or drop, part by part.
///
/// Each copy of a message carries the id its host gave it when it was sent (or duplicated),
/// and its delivery or drop repeats that id, so pairing is exact. A fork outcome starts with
/// the copies pending at the end of the part it forks from; a part that is no fork outcome
/// continues from the last such part. A delivery or drop whose send is not in the transcript
/// (a window of a longer run) starts nowhere: its arrow is drawn from the receiver's side.
struct MessageFlow {
    /// The flights each part draws, in the order they end (undelivered ones last, by send).
    let flights: [[MessageFlight]]

    private struct Pending {
        let position: EventPosition
        let isCopy: Bool
        let isInjected: Bool
    }

    init(_ transcript: Transcript) {
        var endStates: [[Int: Pending]] = []
        var mainLine: [Int: Pending] = [:]
        var flights: [[MessageFlight]] = []
        for (partIndex, part) in transcript.parts.enumerated() {
            var pending = mainLine
            if let origin = part.forksFrom, origin >= 0, origin < partIndex {
                pending = endStates[origin]
            }
            var drawn: [MessageFlight] = []
            var ownSends: [(id: Int, event: TraceEvent)] = []
            for (stepIndex, step) in part.steps.enumerated() {
                for (eventIndex, event) in step.events.enumerated() {
                    guard event.isMessage, let id = event.messageID, let source = event.source,
                          let destination = event.destination, let message = event.message
                    else { continue }
                    let position = EventPosition(part: partIndex, step: stepIndex, event: eventIndex)
                    let end: MessageFlight.End
                    switch event.kind {
                    case .send, .duplicate:
                        pending[id] = Pending(position: position, isCopy: event.kind == .duplicate, isInjected: event.injected)
                        ownSends.append((id, event))
                        continue
                    case .deliver:
                        end = .delivered(position, ignored: event.ignored)
                    case .drop:
                        end = .dropped(position, reason: event.reason)
                    case .spawn, .exit, .timer, .crash, .restart, .decide, .apply, .respond, .partition, .heal, .network:
                        continue
                    }
                    let sent = pending.removeValue(forKey: id)
                    let start: MessageFlight.Start
                    if let sent {
                        start = sent.position.part == partIndex ? .sent(sent.position) : .inherited
                    } else {
                        start = .unknown
                    }
                    drawn.append(MessageFlight(source: source, destination: destination, message: message,
                                               start: start, end: end, isCopy: sent?.isCopy ?? false,
                                               isInjected: sent?.isInjected ?? false, sentAt: sent?.position))
                }
            }
            for (id, event) in ownSends {
                guard let sent = pending[id], sent.position.part == partIndex,
                      let source = event.source, let destination = event.destination, let message = event.message
                else { continue }
                drawn.append(MessageFlight(source: source, destination: destination, message: message,
                                           start: .sent(sent.position), end: .inFlight,
                                           isCopy: sent.isCopy, isInjected: sent.isInjected, sentAt: sent.position))
            }
            flights.append(drawn)
            endStates.append(pending)
            if part.forksFrom == nil { mainLine = pending }
        }
        self.flights = flights
    }
}

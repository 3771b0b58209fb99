import PMMC

/// An event waiting in the simulation's queue, as a scripted schedule sees it: a message in
/// flight, a timer set, a leader about to start, or a fault scheduled.
///
/// ``Simulation/pending`` lists them; ``Simulation/perform(_:)`` carries out the chosen one,
/// whatever its place in the queue, and ``Simulation/drop(_:)`` loses a message.
public struct PendingEvent<Machine: StateMachine>: Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// A leader that will spawn its first scout.
        case start(ProcessID)
        /// A message on its way.
        case message(Envelope<Machine>)
        /// A timer `process` set.
        case timer(ProcessID, TimerID)
        /// A fault from ``Simulation/schedule(_:at:)``.
        case fault(Fault)
    }

    /// Identifies the event while it waits; pass it to ``Simulation/perform(_:)``.
    public let id: Int
    /// When the random schedule would handle the event.
    public let time: Int
    public let kind: Kind

    /// The message, for a message event.
    public var envelope: Envelope<Machine>? {
        if case .message(let envelope) = kind { return envelope }
        return nil
    }

    /// E.g. `#12 @3 l0/s1 → a0 p1a(0.0)` or `#7 @50 l0/s1 timer resend`.
    public var description: String {
        let what: String
        switch kind {
        case .start(let leader): what = "start \(leader)"
        case .message(let envelope): what = "\(envelope.source) → \(envelope.destination) \(envelope.message)"
        case .timer(let process, let timer): what = "\(process) timer \(timer)"
        case .fault(let fault): what = fault.description
        }
        return "#\(id) @\(time) \(what)"
    }
}

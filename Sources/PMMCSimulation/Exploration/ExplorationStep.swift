import PMMC

/// One choice the explorer makes in a state: which message to deliver, lose or deliver while
/// keeping a copy in flight, or which timer to fire.
public enum ExplorationStep<Machine: StateMachine & Hashable>: Hashable, CustomStringConvertible {
    /// Deliver the message (the first copy in flight that equals it).
    case deliver(Envelope<Machine>)
    /// Deliver the message and keep a copy in flight: the network duplicated it.
    case duplicate(Envelope<Machine>)
    /// Lose the message.
    case drop(Envelope<Machine>)
    /// Fire the timer.
    case fire(ExplorationState<Machine>.PendingTimer)

    public var description: String {
        switch self {
        case .deliver(let envelope): "deliver \(Self.describe(envelope))"
        case .duplicate(let envelope): "duplicate and deliver \(Self.describe(envelope))"
        case .drop(let envelope): "drop \(Self.describe(envelope))"
        case .fire(let timer): "fire \(timer)"
        }
    }

    private static func describe(_ envelope: Envelope<Machine>) -> String {
        "\(envelope.source) → \(envelope.destination): \(envelope.message)"
    }
}

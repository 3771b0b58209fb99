import PMMC

/// Something that happened in a running ``Cluster``, as seen by ``Cluster/events()``.
///
/// Events are emitted in real-time order: a message's ``sent(_:)`` comes before anything
/// its receiver does with it.
public enum RuntimeEvent<Machine: StateMachine>: Sendable {
    /// A process sent a message.
    case sent(Envelope<Machine>)
    /// The bus did not deliver a message.
    case dropped(Envelope<Machine>, reason: DropReason)
    /// A leader spawned a scout or commander.
    case spawned(ProcessID, by: ProcessID)
    /// A scout or commander finished.
    case exited(ProcessID)
    /// A replica applied the decided `command` of `slot` (its `slot_out` moved past it).
    case applied(replica: ProcessID, slot: Int, command: Command<Machine>)
    /// A client took the response to its request `requestID`.
    case completed(client: ProcessID, requestID: Int, output: Machine.Output?)
    /// A process (and, for a leader, its children) crashed.
    case crashed(ProcessID)
    /// The network was split into groups.
    case partitioned([[ProcessID]])
    /// The partition was removed.
    case healed
}

/// Why the bus did not deliver a message.
public enum DropReason: Hashable, Sendable, CustomStringConvertible {
    /// Lost at random (``NetworkFaults/lossRate``).
    case loss
    /// Sender and receiver are on different sides of a partition.
    case partition
    /// Sender or receiver has crashed.
    case crashed
    /// The receiver, a scout or commander, has already exited.
    case exited

    public var description: String {
        switch self {
        case .loss: "loss"
        case .partition: "partition"
        case .crashed: "crashed"
        case .exited: "exited"
        }
    }
}

import PMMC
import PMMCTrace

/// Something that happened in a running ``Cluster``, as seen by ``Cluster/events()``.
///
/// Events are emitted in real-time order: a message's ``sent(_:)`` comes before anything
/// its receiver does with it.
public enum RuntimeEvent<Machine: StateMachine>: Sendable {
    /// A process sent a message; `id` names this copy of it until it is delivered or dropped.
    case sent(Envelope<Machine>, id: Int)
    /// The bus did not deliver the message `id`.
    case dropped(Envelope<Machine>, id: Int, reason: TraceEvent.DropReason)
    /// The receiver handled the message `id`; `ignored` when it discarded it as stale,
    /// duplicate or not for it (its role's ``Observation/ignored``).
    case delivered(Envelope<Machine>, id: Int, ignored: Bool)
    /// A process's timer fired and the process handled it.
    case timerFired(ProcessID, TimerID)
    /// A leader spawned a scout or commander.
    case spawned(ProcessID, by: ProcessID)
    /// A scout or commander finished.
    case exited(ProcessID)
    /// A replica learned that `command` is decided in `slot` (its role's
    /// ``Observation/decided(slot:command:)``).
    case decided(replica: ProcessID, slot: Int, command: Command<Machine>)
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

/// A ``RuntimeEvent`` and when it happened, as ``Cluster/timedEvents()`` gives them: times
/// never decrease along a stream.
public struct TimedRuntimeEvent<Machine: StateMachine>: Sendable {
    /// Since the cluster started.
    public let time: Duration
    public let event: RuntimeEvent<Machine>
}

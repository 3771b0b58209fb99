import PMMC
import PMMCHost

/// Counters the message bus keeps while a cluster runs: the counters every host keeps
/// (``HostStatistics``, read through this type: `statistics.delivered`) and the runtime's own.
@dynamicMemberLookup
public struct RuntimeStatistics: Sendable {
    /// Messages sent, delivered (put into their receiver's mailbox), dropped and arrived after
    /// exit; scouts and commanders spawned; timers fired.
    public internal(set) var host = HostStatistics()
    /// Timers dropped because their process exited or crashed: when it did, or, for a scout or
    /// commander that crashed while its leader runs on, when they come due.
    public internal(set) var timersCancelled = 0

    /// A counter of ``host``.
    public subscript<Value>(dynamicMember counter: KeyPath<HostStatistics, Value>) -> Value {
        host[keyPath: counter]
    }

    /// Messages sent of one kind.
    public func sent(_ kind: MessageKind) -> Int { host.sent(kind) }
}

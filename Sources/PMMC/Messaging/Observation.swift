/// Something that happened inside a role, reported beside its effects, as etcd's core reports
/// committed entries: hosts trace it, count it and check invariants on it, and never compare
/// a role's state before and after to find out.
///
/// A role reports only what its handler did; an observation carries no instruction.
public enum Observation<Machine: StateMachine>: Equatable, Sendable {
    /// Acceptor: it adopted `ballot` (from a p1a, or from a p2a above its ballot). Leader: a
    /// majority of acceptors adopted its `ballot`, and it is now active.
    case adopted(Ballot)
    /// Acceptor: it accepted `pvalue`, which it had not accepted before.
    case accepted(PValue<Machine>)
    /// Acceptor: it refused a p2a for `pvalue`, whose ballot is below its own.
    case rejected(PValue<Machine>)
    /// Leader: an acceptor had adopted the higher `ballot`; the leader is now passive.
    case preempted(by: Ballot)
    /// Replica: it learned that `command` is decided in `slot`, which it had not known.
    case decided(slot: Int, command: Command<Machine>)
    /// Replica: it performed slot `slot` (applied the command to its state, or skipped it as a
    /// no-op, a duplicate or a reconfiguration), so `slot_out` moved past it.
    case applied(slot: Int, command: Command<Machine>)
    /// Acceptor, leader or replica (garbage collection, paper §4.2): it dropped what it kept
    /// for the slots below `below`, which every replica has executed (a replica: which it
    /// keeps in its state and sessions instead of its decision log).
    case collected(below: Int)
    /// Replica (catch-up): it installed another replica's snapshot, so its state and
    /// sessions are those after every slot below `slotOut`, which it did not perform itself.
    case restored(slotOut: Int)
    /// Any role: the message was discarded as stale, duplicate, or not for this role. The
    /// role's state did not change and the handler asked for nothing.
    case ignored
}

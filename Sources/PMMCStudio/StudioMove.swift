import PMMC

/// What a student asks of a session: a scheduling decision on the simulation, or a move along
/// the session's branches.
public enum StudioMove: Hashable, Sendable {
    /// Deliver a message, fire a timer, start a leader or apply a fault: pending event `id`.
    case perform(Int)
    /// Lose pending message `id`.
    case drop(Int)
    /// Send a second copy of pending message `id`; the copy is then pending too.
    case duplicate(Int)
    /// Crash a process (a leader with its scouts and commanders).
    case crash(ProcessID)
    /// Restart a crashed process with the state it had (a leader with a higher ballot and a
    /// new scout; its scouts, commanders and timers are gone).
    case restart(ProcessID)
    /// Client `client` submits the operation `operation` names, e.g. `A` or `put k1 v1`.
    case submit(client: Int, operation: String)
    /// Let the random schedule handle every event due in the next `ticks` ticks.
    case run(ticks: Int)
    /// One step back.
    case back
    /// One step forward along the branch.
    case forward
    /// To step `position` of the branch (0 is the start).
    case go(to: Int)
    /// Copy the branch up to here into a new branch and switch to it.
    case fork(name: String?)
    /// Switch to branch `index`, at its end.
    case branch(Int)
}

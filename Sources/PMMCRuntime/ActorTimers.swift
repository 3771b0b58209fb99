import PMMC

/// The timers of one process actor's processes (the process and, for a leader, its scouts and
/// commanders), held by the actor itself: setting or cancelling one takes no lock. The bus's
/// timer queue holds one wake-up for the actor, at its earliest deadline or before (see
/// ``Mailbox/earliestTimer``); when the wake-up finds a timer due, the actor is sent
/// ``Delivery/timersDue`` and takes its due timers from here.
///
/// A closed-loop client sets a timer for each request and cancels it when the response comes,
/// long before it is due: all of that stays in the actor, and the timer loop only moves the
/// wake-up along (Docs/Runtime.md, "Ticks").
///
/// Deadlines are in nanoseconds since the bus was made. Timers come out in deadline order, in
/// the order they were set among equal deadlines.
struct ActorTimers {
    private var pending: [(process: ProcessID, timer: TimerID, deadline: Int)] = []

    /// The earliest deadline, or `Int.max` if no timer is pending.
    var earliest: Int { pending.first?.deadline ?? .max }

    /// How many timers are pending.
    var count: Int { pending.count }

    /// Sets `timer` of `process` for `deadline`.
    mutating func set(_ timer: TimerID, of process: ProcessID, at deadline: Int) {
        var position = pending.endIndex
        while position > 0, pending[position - 1].deadline > deadline {
            position -= 1
        }
        pending.insert((process, timer, deadline), at: position)
    }

    /// Cancels every pending `timer` of `process`.
    mutating func cancel(_ timer: TimerID, of process: ProcessID) {
        pending.removeAll { $0.process == process && $0.timer == timer }
    }

    /// Cancels every pending timer of `process`; returns how many there were.
    mutating func cancelAll(of process: ProcessID) -> Int {
        let before = pending.count
        pending.removeAll { $0.process == process }
        return before - pending.count
    }

    /// Takes out the earliest timer if it is due at `now`.
    mutating func popDue(at now: Int) -> (process: ProcessID, timer: TimerID)? {
        guard let first = pending.first, first.deadline <= now else { return nil }
        pending.removeFirst()
        return (first.process, first.timer)
    }
}

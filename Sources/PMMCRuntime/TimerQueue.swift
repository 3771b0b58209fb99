import PMMC
import PMMCHost

/// Timers and delayed messages waiting for their deadline, earliest first: the hosts' shared
/// ``EventQueue`` on real deadlines, plus the handles of each process's timers, so that they
/// can be cancelled together when it exits or crashes.
struct TimerQueue<Machine: StateMachine> {
    /// What to do when a deadline passes.
    enum Action {
        /// Give `timer` to process `process`.
        case fire(TimerID, for: ProcessID)
        /// Deliver a message the bus held back (``NetworkFaults/extraDelay``). Boxed, so
        /// that queued actions stay small to move.
        indirect case deliver(Envelope<Machine>, id: Int)
    }

    /// A timer a process set or cancelled, waiting to reach the queue with the process's sends
    /// (``MessageBus/send(_:from:timerChanges:scratch:)``).
    enum Change {
        /// Fire `timer` for `process` `delay` ticks from now.
        case set(TimerID, after: Int, for: ProcessID)
        /// Forget `process`'s pending timers `timer`.
        case cancel(TimerID, for: ProcessID)
    }

    private var queue = EventQueue<ContinuousClock.Instant, Action>()
    /// The handles of each process's waiting timers.
    private var handlesByProcess: [ProcessID: PendingTimers<EventQueue<ContinuousClock.Instant, Action>.Handle>] = [:]

    /// The earliest deadline, if any.
    var nextDeadline: ContinuousClock.Instant? { queue.nextTime }

    mutating func schedule(_ action: Action, at deadline: ContinuousClock.Instant) {
        let handle = queue.schedule(action, at: deadline)
        if case .fire(let timer, let process) = action {
            handlesByProcess[process, default: PendingTimers()].append(timer, sequence: handle.sequence, handle: handle)
        }
    }

    /// Removes every action due at `now`, in deadline order, appending them to `due`.
    mutating func popDue(at now: ContinuousClock.Instant, into due: inout [Action]) {
        while let (_, sequence, action) = queue.next(dueBy: now) {
            if case .fire(_, let process) = action {
                forget(sequence, of: process)
            }
            due.append(action)
        }
    }

    /// Removes every timer of `process` that has not come due, and its entry, when it exits or
    /// crashes; returns how many there were.
    mutating func cancelTimers(of process: ProcessID) -> Int {
        guard var pending = handlesByProcess.removeValue(forKey: process) else { return 0 }
        return pending.removeAll { queue.cancel($0) }
    }

    /// Removes `process`'s timers `timer` that have not come due. The process keeps its
    /// (perhaps empty) entry until it exits: a client cancels and sets a timer for every
    /// request.
    mutating func cancel(_ timer: TimerID, of process: ProcessID) {
        guard let index = handlesByProcess.index(forKey: process) else { return }
        handlesByProcess.values[index].remove(timer) { queue.cancel($0) }
    }

    mutating func removeAll() {
        queue.removeAll()
        handlesByProcess.removeAll()
    }

    /// Drops the handle of `process`'s timer with sequence number `sequence`, which came due.
    private mutating func forget(_ sequence: Int, of process: ProcessID) {
        let index = handlesByProcess.index(forKey: process)!
        handlesByProcess.values[index].forget(sequence: sequence)
    }
}

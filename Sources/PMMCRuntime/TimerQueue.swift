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

    private var queue = EventQueue<ContinuousClock.Instant, Action>()
    /// The handles of each process's waiting timers.
    private var handlesByProcess: [ProcessID: [EventQueue<ContinuousClock.Instant, Action>.Handle]] = [:]

    /// The earliest deadline, if any.
    var nextDeadline: ContinuousClock.Instant? { queue.nextTime }

    mutating func schedule(_ action: Action, at deadline: ContinuousClock.Instant) {
        let handle = queue.schedule(action, at: deadline)
        if case .fire(_, let process) = action {
            handlesByProcess[process, default: []].append(handle)
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

    /// Removes every timer of `process` that has not come due; returns how many there were.
    mutating func cancelTimers(of process: ProcessID) -> Int {
        guard let handles = handlesByProcess.removeValue(forKey: process) else { return 0 }
        for handle in handles {
            queue.cancel(handle)
        }
        return handles.count
    }

    mutating func removeAll() {
        queue.removeAll()
        handlesByProcess.removeAll()
    }

    /// Drops the handle of `process`'s timer with sequence number `sequence`, which came due.
    private mutating func forget(_ sequence: Int, of process: ProcessID) {
        let index = handlesByProcess.index(forKey: process)!
        handlesByProcess.values[index].removeAll { $0.sequence == sequence }
        if handlesByProcess.values[index].isEmpty {
            handlesByProcess.remove(at: index)
        }
    }
}

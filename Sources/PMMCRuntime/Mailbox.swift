import PMMC
import Synchronization

/// A process actor's mailbox: an unbounded FIFO queue that senders append to without
/// waiting, and that the actor drains from its own task, taking everything queued at once.
final class Mailbox<Machine: StateMachine>: Sendable {
    private struct State {
        var queue: [Delivery<Machine>] = []
        /// The actor's drain loop, when it waits for mail.
        var waiter: UnsafeContinuation<Void, Never>?
        var stopped = false
    }

    private let state = Locked(State())
    private let stopped = Atomic<Bool>(false)

    /// The earliest deadline of the timers the actor holds (``ActorTimers``), in nanoseconds
    /// since the bus was made, or `Int.max` for none. The actor writes it; the bus's timer loop
    /// reads it when the actor's wake-up comes due.
    let earliestTimer = Atomic<Int>(.max)
    /// The deadline of the wake-up the bus's timer queue holds for the actor, or `Int.max` for
    /// none. The bus writes it, under its timer queue's lock; the actor reads it to tell whether it must ask
    /// for an earlier one. Together with ``earliestTimer`` (both sequentially consistent), one
    /// of the two sides always sees the other's change: the actor asks for a wake-up, or the
    /// timer loop sets one for the deadline the actor wrote.
    let wakeAt = Atomic<Int>(.max)
    /// How many timers the actor holds, for the count of those cancelled when it crashes.
    let timerCount = Atomic<Int>(0)

    /// Queues `delivery` for the actor, waking it if it waits. Ignored once stopped.
    func post(_ delivery: Delivery<Machine>) {
        let waiter = state.withLock { state -> UnsafeContinuation<Void, Never>? in
            guard !state.stopped else { return nil }
            state.queue.append(delivery)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until something is queued, then moves all of it, oldest first, into the empty
    /// `batch`. Returns `false` once the mailbox is stopped. Runs on the calling actor.
    func take(into batch: inout [Delivery<Machine>], isolation: isolated (any Actor)? = #isolation) async -> Bool {
        while true {
            let taken = state.withLock { state -> Bool? in
                if state.stopped { return false }
                if state.queue.isEmpty { return nil }
                swap(&state.queue, &batch)
                return true
            }
            if let taken { return taken }
            await withUnsafeContinuation(isolation: isolation) { (waiter: UnsafeContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if state.stopped || !state.queue.isEmpty { return true }
                    state.waiter = waiter
                    return false
                }
                if ready { waiter.resume() }
            }
        }
    }

    /// Whether the process was stopped (crashed, exited, or shut down).
    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Stops the process: it handles nothing more, and its drain loop ends.
    func stop() {
        stopped.store(true, ordering: .releasing)
        let waiter = state.withLock { state -> UnsafeContinuation<Void, Never>? in
            state.stopped = true
            state.queue.removeAll()
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}

import PMMC
import PMMCHost

/// What the bus's timer loop waits for, earliest first, on the hosts' shared ``EventQueue`` of
/// real deadlines: one wake-up for each process actor that holds timers (``ActorTimers``), and
/// the messages the bus held back (``NetworkFaults/extraDelay``).
struct TimerQueue<Machine: StateMachine> {
    /// What to do when a deadline passes.
    enum Action {
        /// Look at the timers of the actor of `host` (a process on a task of its own), whose
        /// mailbox is `mailbox`.
        case wake(ProcessID, Mailbox<Machine>)
        /// Deliver a message the bus held back. Boxed, so that queued actions stay small to
        /// move.
        indirect case deliver(Envelope<Machine>, id: Int)
    }

    /// When the bus was made: actors' deadlines count nanoseconds from here.
    let origin: ContinuousClock.Instant
    private var queue = EventQueue<ContinuousClock.Instant, Action>()
    /// The wake-up queued for each actor: its deadline (as ``Mailbox/wakeAt`` has it) and handle.
    private var wakes: [ProcessID: (deadline: Int, handle: EventQueue<ContinuousClock.Instant, Action>.Handle)] = [:]

    init(origin: ContinuousClock.Instant) {
        self.origin = origin
    }

    /// The earliest deadline, if any.
    var nextDeadline: ContinuousClock.Instant? { queue.nextTime }

    /// The deadline of the wake-up queued for `host`, or `Int.max` for none.
    func wake(of host: ProcessID) -> Int {
        wakes[host]?.deadline ?? .max
    }

    /// The actor of `host`, whose mailbox is `mailbox`, needs a wake-up at `deadline`
    /// (nanoseconds since ``origin``): queues it, replacing the one queued, unless that one
    /// comes no later.
    mutating func requestWake(of host: ProcessID, mailbox: Mailbox<Machine>, at deadline: Int) {
        guard deadline < wake(of: host) else { return }
        if let old = wakes[host] {
            queue.cancel(old.handle)
        }
        wakes[host] = (deadline, queue.schedule(.wake(host, mailbox), at: origin + .nanoseconds(deadline)))
        mailbox.wakeAt.store(deadline, ordering: .sequentiallyConsistent)
    }

    /// The wake-up of `host`'s actor, whose mailbox is `mailbox`, came due at `now`
    /// (nanoseconds since ``origin``; ``popDue(at:into:)`` took it out). Returns whether a
    /// timer of the actor is due: then the caller tells the actor, which asks for its next
    /// wake-up once it has taken its due timers. Otherwise the timer that was earliest when
    /// the wake-up was queued has been cancelled, and the wake-up moves to the earliest
    /// deadline now, if any.
    mutating func wakeUp(_ host: ProcessID, mailbox: Mailbox<Machine>, at now: Int) -> Bool {
        mailbox.wakeAt.store(.max, ordering: .sequentiallyConsistent)
        let earliest = mailbox.earliestTimer.load(ordering: .sequentiallyConsistent)
        if earliest <= now { return true }
        if earliest != .max {
            requestWake(of: host, mailbox: mailbox, at: earliest)
        }
        return false
    }

    /// Forgets the wake-up of `host`'s actor, when its process exits or crashes.
    mutating func cancelWake(of host: ProcessID) {
        if let old = wakes.removeValue(forKey: host) {
            queue.cancel(old.handle)
        }
    }

    /// Queues `envelope` (message `id`) for delivery at `instant`.
    mutating func deliver(_ envelope: Envelope<Machine>, id: Int, at instant: ContinuousClock.Instant) {
        queue.schedule(.deliver(envelope, id: id), at: instant)
    }

    /// Removes every action due at `now`, in deadline order, appending them to `due`. A
    /// wake-up taken out is no longer queued (``wake(of:)`` is `Int.max`).
    mutating func popDue(at now: ContinuousClock.Instant, into due: inout [Action]) {
        while let (_, _, action) = queue.next(dueBy: now) {
            if case .wake(let host, _) = action {
                wakes[host] = nil
            }
            due.append(action)
        }
    }

    mutating func removeAll() {
        queue.removeAll()
        wakes.removeAll()
    }
}

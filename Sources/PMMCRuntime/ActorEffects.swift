import PMMC
import PMMCHost

/// How a process actor carries out what its role's handlers ask for, as an ``EffectHost``:
/// sends wait and go to the bus together when the actor calls ``flush()``, or when another
/// process's sends follow, so that the bus takes its lock once for them; timers are set and
/// cancelled in the actor's own ``ActorTimers``, and reach the bus only as a wake-up the actor
/// needs earlier than the one it has; exits go to the bus at once; spawned children and exited
/// ones wait for the actor, which hosts them; a client's completed requests go to its session.
/// Decisions and performed slots become events for the bus's listeners.
struct ActorEffects<Machine: StateMachine>: EffectHost {
    let bus: MessageBus<Machine>
    /// The calls of a client actor.
    var session = ClientSession<Machine>()
    /// Sends waiting to go to the bus together, and the bus's scratch space for routing them.
    private var sends: [(Message<Machine>, ProcessID)] = []
    private var posts: [(Mailbox<Machine>, Delivery<Machine>)] = []
    /// The timers of the actor's processes, and what the bus must hear of them at the next
    /// flush: whether they changed, and how many fired or were dropped.
    private var timers = ActorTimers()
    private var timersChanged = false
    private var timersFired = 0
    private var timersCancelled = 0
    /// The clock, read once for all the timers set between two flushes, in nanoseconds since
    /// the bus was made.
    private var clockReading: Int?
    /// The process on a task of its own whose actor this is, and its mailbox, where the bus
    /// looks for the earliest deadline (``Mailbox/earliestTimer``).
    private let host: ProcessID
    private let mailbox: Mailbox<Machine>
    /// The process whose sends are waiting.
    private var sender: ProcessID?
    /// Children spawned, for the actor to start and host, in order.
    var spawned: [Role<Machine>] = []
    /// Hosted children that exited, for the actor to forget and tell their leader of.
    var exited: [ProcessID] = []

    init(bus: MessageBus<Machine>, mailbox: Mailbox<Machine>, host: ProcessID) {
        self.bus = bus
        self.mailbox = mailbox
        self.host = host
    }

    mutating func send(_ message: Message<Machine>, from source: ProcessID, to destination: ProcessID) {
        if sender != source { flush() }
        sender = source
        sends.append((message, destination))
    }

    mutating func spawn(_ child: Role<Machine>, by parent: ProcessID) {
        spawned.append(child)
    }

    mutating func setTimer(_ timer: TimerID, after delay: Int, for process: ProcessID) {
        let now = clockReading ?? bus.nanoseconds(at: .now)
        clockReading = now
        timers.set(timer, of: process, at: now + delay * bus.tickNanoseconds)
        timersChanged = true
    }

    mutating func cancelTimer(_ timer: TimerID, for process: ProcessID) {
        timers.cancel(timer, of: process)
        timersChanged = true
    }

    /// Takes out every timer due at `now` (nanoseconds since the bus was made), earliest
    /// first. A timer that one of them sets waits for the next ``Delivery/timersDue``, even if
    /// it is due at once, so that a role that keeps setting timers cannot keep its actor here.
    mutating func takeDueTimers(at now: Int) -> [(process: ProcessID, timer: TimerID)] {
        timersChanged = true
        var due: [(process: ProcessID, timer: TimerID)] = []
        while let timer = timers.popDue(at: now) {
            due.append(timer)
        }
        return due
    }

    /// Counts a timer taken from ``timers`` and given to its process, for the bus's statistics.
    mutating func countFired() {
        timersFired += 1
        timersChanged = true
    }

    /// Counts a timer taken from ``timers`` and dropped, its process having crashed.
    mutating func countDropped() {
        timersCancelled += 1
        timersChanged = true
    }

    mutating func exit(_ process: ProcessID) {
        let cancelled: Int
        if process == host {
            cancelled = timers.count
            timers = ActorTimers()
        } else {
            cancelled = timers.cancelAll(of: process)
        }
        timersChanged = true
        flush()
        bus.exit(process, cancelledTimers: cancelled)
        if process.host != process { exited.append(process) }
    }

    mutating func complete(client: ProcessID, requestID: Int, output: Machine.Output?) {
        // Listeners see a request's sends before the completion that follows them.
        if !sends.isEmpty { flush() }
        bus.emit(.completed(client: client, requestID: requestID, output: output))
        session.completed(requestID: requestID, output: output, at: .now)
    }

    mutating func decided(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID) {
        bus.emit(.decided(replica: replica, slot: slot, command: command))
    }

    mutating func applied(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID) {
        bus.emit(.applied(replica: replica, slot: slot, command: command))
    }

    /// Gives the waiting sends to the bus, and tells it what changed in the timers: their
    /// earliest deadline goes to the mailbox, and if the bus's wake-up for the actor is later,
    /// the actor asks for an earlier one. Call it once the effects of a delivery are carried
    /// out.
    mutating func flush() {
        if let sender, !sends.isEmpty {
            bus.send(sends, from: sender, scratch: &posts)
            sends.removeAll(keepingCapacity: true)
        }
        guard timersChanged else { return }
        timersChanged = false
        clockReading = nil
        let earliest = timers.earliest
        mailbox.timerCount.store(timers.count, ordering: .relaxed)
        mailbox.earliestTimer.store(earliest, ordering: .sequentiallyConsistent)
        if earliest < mailbox.wakeAt.load(ordering: .sequentiallyConsistent) {
            bus.requestWake(of: host, mailbox: mailbox, at: earliest)
        }
        if timersFired > 0 || timersCancelled > 0 {
            bus.countTimers(fired: timersFired, cancelled: timersCancelled)
            timersFired = 0
            timersCancelled = 0
        }
    }
}

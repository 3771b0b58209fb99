import PMMC
import PMMCHost

/// How a process actor carries out what its role's handlers ask for, as an ``EffectHost``:
/// sends and timers (set and cancelled) wait and go to the bus together when the actor calls
/// ``flush()``, or when another process's sends follow, so that the bus takes its lock once
/// for them; exits go to the bus at once; spawned children and exited ones wait for the actor,
/// which hosts them; a client's completed requests go to its session.
/// Decisions and performed slots become events for the bus's listeners.
struct ActorEffects<Machine: StateMachine>: EffectHost {
    let bus: MessageBus<Machine>
    /// The calls of a client actor.
    var session = ClientSession<Machine>()
    /// Sends and timer changes waiting to go to the bus together, and the bus's scratch space
    /// for routing them.
    private var sends: [(Message<Machine>, ProcessID)] = []
    private var timerChanges: [TimerQueue<Machine>.Change] = []
    private var posts: [(Mailbox<Machine>, Delivery<Machine>)] = []
    /// The process whose sends are waiting.
    private var sender: ProcessID?
    /// Children spawned, for the actor to start and host, in order.
    var spawned: [Role<Machine>] = []
    /// Hosted children that exited, for the actor to forget and tell their leader of.
    var exited: [ProcessID] = []

    init(bus: MessageBus<Machine>) {
        self.bus = bus
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
        timerChanges.append(.set(timer, after: delay, for: process))
    }

    mutating func cancelTimer(_ timer: TimerID, for process: ProcessID) {
        timerChanges.append(.cancel(timer, for: process))
    }

    mutating func exit(_ process: ProcessID) {
        flush()
        bus.exit(process)
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

    /// Gives the waiting sends and timer changes to the bus. Call it once the effects of a
    /// delivery are carried out.
    mutating func flush() {
        guard !sends.isEmpty || !timerChanges.isEmpty else { return }
        bus.send(sends, from: sender, timerChanges: timerChanges, scratch: &posts)
        sends.removeAll(keepingCapacity: true)
        timerChanges.removeAll(keepingCapacity: true)
    }
}

import PMMC
import PMMCHost

/// How a process actor carries out what its role's handlers ask for, as an ``EffectHost``:
/// sends go to the bus, consecutive ones together so that it takes its lock once for them;
/// timers and exits go to the bus; spawned children and exited ones wait for the actor,
/// which hosts them; a client's completed requests go to its session.
/// Decisions and performed slots become events for the bus's listeners.
struct ActorEffects<Machine: StateMachine>: EffectHost {
    let bus: MessageBus<Machine>
    /// The calls of a client actor.
    var session = ClientSession<Machine>()
    /// Sends waiting to go to the bus together, and the bus's scratch space for routing them.
    private var sends: [(Message<Machine>, ProcessID)] = []
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
        if sender != source { flushSends() }
        sender = source
        sends.append((message, destination))
    }

    mutating func spawn(_ child: Role<Machine>, by parent: ProcessID) {
        spawned.append(child)
    }

    mutating func setTimer(_ timer: TimerID, after delay: Int, for process: ProcessID) {
        flushSends()
        bus.setTimer(timer, after: delay, for: process)
    }

    mutating func exit(_ process: ProcessID) {
        flushSends()
        bus.exit(process)
        if process.host != process { exited.append(process) }
    }

    mutating func complete(client: ProcessID, requestID: Int, output: Machine.Output?) {
        flushSends()
        bus.emit(.completed(client: client, requestID: requestID, output: output))
        session.completed(requestID: requestID, output: output, at: .now)
    }

    mutating func decided(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID) {
        bus.emit(.decided(replica: replica, slot: slot, command: command))
    }

    mutating func applied(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID) {
        bus.emit(.applied(replica: replica, slot: slot, command: command))
    }

    /// Gives the waiting sends to the bus. Call it after ``carryOut(_:of:)``.
    mutating func flushSends() {
        guard let sender, !sends.isEmpty else { return }
        bus.send(sends, from: sender, scratch: &posts)
        sends.removeAll(keepingCapacity: true)
    }
}

import PMMC
import PMMCTrace
import PMMCHost

/// Takes the explorer's steps: delivers, loses or duplicates one message, or fires one timer,
/// then carries out the effects the process asks for, exactly as the simulator would, and
/// checks the paper's invariants with the simulator's ``InvariantMonitor``.
///
/// There is no clock and no queue: every message in flight and every pending timer is a
/// choice the search makes. Effects and observations are interpreted as every host
/// interprets them, through ``EffectHost``.
struct ExplorationHost<Machine: StateMachine & Hashable, Observer: ExplorationObserver<Machine>>: EffectHost {
    let settings: ExplorationSettings<Machine>
    var state: ExplorationState<Machine>
    var monitor: InvariantMonitor<Machine>
    var violation: InvariantViolation?
    var observer: Observer
    /// The number of the step being taken, for a violation's report.
    var depth: Int
    /// How many processes are not a leader's children: the first ones in ``state``.
    let hostCount: Int
    private var spareOutboxes: [Outbox<Machine>] = []

    init(settings: ExplorationSettings<Machine>, state: ExplorationState<Machine>, monitor: InvariantMonitor<Machine>,
         observer: Observer, depth: Int, hostCount: Int) {
        self.settings = settings
        self.state = state
        self.monitor = monitor
        self.observer = observer
        self.depth = depth
        self.hostCount = hostCount
    }

    /// The initial state of `settings`: every process created (replacements installed), the
    /// leaders started in order, and each client's first operation submitted.
    init(initial settings: ExplorationSettings<Machine>, observer: Observer) throws(SimulationError) {
        try settings.validate()
        let configuration: Configuration
        do {
            configuration = try Configuration(replicas: settings.replicas, leaders: settings.leaders, acceptors: settings.acceptors)
        } catch {
            throw .configuration(error)
        }
        var state = ExplorationState<Machine>(clients: settings.workload.count, operations: settings.workload.joined().count)
        var monitor = InvariantMonitor<Machine>(window: settings.settings.window)
        for index in settings.workload.indices {
            state.insert(.client(Client(id: .client(index), replicas: configuration.replicas, settings: settings.settings)))
        }
        for replica in configuration.replicas {
            state.insert(.replica(Replica(id: replica, leaders: configuration.leaders, settings: settings.settings)))
        }
        for leader in configuration.leaders {
            guard case .leader(let index) = leader else { continue }
            monitor.register(leader: index, acceptorCount: configuration.acceptors.count)
            state.insert(.leader(Leader(id: leader, acceptors: configuration.acceptors, replicas: configuration.replicas,
                                        settings: settings.settings)))
        }
        for acceptor in configuration.acceptors {
            state.insert(.acceptor(Acceptor(id: acceptor)))
        }
        for (id, make) in settings.replacements {
            guard let position = state.index(of: id) else { throw .unknownProcess(id) }
            let replacement = make(state.role(at: position))
            guard replacement.id == id else { throw .invalidOption("replacement for \(id) is named \(replacement.id)") }
            state.update(position) { $0 = .custom(replacement) }
        }
        self.init(settings: settings, state: state, monitor: monitor, observer: observer, depth: 0, hostCount: state.processes.count)
        for leader in configuration.leaders {
            start(leader)
        }
        for index in settings.workload.indices {
            submitNext(client: index)
        }
    }

    /// Starts over from `state`, keeping the spare outboxes.
    mutating func reset(to state: ExplorationState<Machine>, monitor: InvariantMonitor<Machine>, depth: Int) {
        self.state = state
        self.monitor = monitor
        self.depth = depth
        violation = nil
    }

    // MARK: Steps

    /// Takes `step`, whose message or timer is at `position` of the network or timers.
    mutating func take(_ step: ExplorationStep<Machine>, at position: Int) {
        switch step {
        case .deliver(let envelope):
            observer.delivering(at: position, envelope, keep: false)
            state.removeMessage(at: position)
            deliver(envelope)
        case .duplicate(let envelope):
            observer.delivering(at: position, envelope, keep: true)
            deliver(envelope)
        case .drop(let envelope):
            observer.dropped(at: position, envelope)
            state.removeMessage(at: position)
        case .fire(let timer):
            state.removeTimer(at: position)
            fire(timer)
        }
    }

    /// Takes `step` on the first message or timer it names; `false` if there is none.
    mutating func take(_ step: ExplorationStep<Machine>) -> Bool {
        let position: Int?
        switch step {
        case .deliver(let envelope), .duplicate(let envelope), .drop(let envelope):
            position = state.position(of: envelope)
        case .fire(let timer):
            position = state.timers.firstIndex(of: timer)
        }
        guard let position else { return false }
        take(step, at: position)
        return true
    }

    private mutating func deliver(_ envelope: Envelope<Machine>) {
        let destination = envelope.destination
        guard let position = state.index(of: destination) else {
            return observer.delivered(envelope, handled: false, ignored: false)
        }
        var outbox = takeOutbox()
        state.update(position) { $0.receive(envelope.message, from: envelope.source, into: &outbox) }
        observer.delivered(envelope, handled: true, ignored: outbox.observations.contains(.ignored))
        report(outbox.observations, of: destination)
        check(position, delivered: envelope.message, observations: outbox.observations)
        carryOut(outbox.effects, of: destination)
        returnOutbox(&outbox)
    }

    private mutating func fire(_ timer: ExplorationState<Machine>.PendingTimer) {
        guard let position = state.index(of: timer.process) else { return }
        observer.note { TraceEvent(time: $0, kind: .timer, source: timer.process, timer: timer.timer) }
        var outbox = takeOutbox()
        state.update(position) { $0.timerFired(timer.timer, into: &outbox) }
        check(position, delivered: nil, observations: outbox.observations)
        carryOut(outbox.effects, of: timer.process)
        returnOutbox(&outbox)
    }

    /// Traces that `replica` learned the decision of `slot`.
    mutating func decided(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID) {
        guard case .replica = replica else { return }
        observer.note { TraceEvent(time: $0, kind: .decide, source: replica, message: command.description, slot: slot) }
    }

    /// Traces that `replica` performed `slot`.
    mutating func applied(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID) {
        guard case .replica = replica else { return }
        observer.note { TraceEvent(time: $0, kind: .apply, source: replica, message: command.description, slot: slot) }
    }

    /// Checks the invariants on the process at `position` after it handled an event. Only
    /// the first processes are replicas and acceptors (or custom stand-ins): children sort
    /// after every host.
    private mutating func check(_ position: Int, delivered message: Message<Machine>?, observations: [Observation<Machine>]) {
        guard violation == nil, position < hostCount else { return }
        var process = state.role(at: position)
        let id = process.id
        if let (invariant, processes, detail) = monitor.check(
            &process, id: id, tableSlot: position, delivered: message, observations: observations) {
            report(invariant, processes, detail)
        }
    }

    private mutating func report(_ invariant: Invariant, _ processes: [ProcessID], _ detail: String) {
        guard violation == nil else { return }
        violation = InvariantViolation(invariant: invariant, processes: processes, step: depth, time: depth, detail: detail)
    }

    // MARK: Effects

    // The host carries out effects as an ``EffectHost``, through `carryOut(_:of:)`.

    mutating func send(_ message: Message<Machine>, from source: ProcessID, to destination: ProcessID) {
        let envelope = Envelope(source: source, destination: destination, message: message)
        state.send(envelope)
        observer.sent(envelope)
    }

    /// Records the timer, if the search explores timers; the delay does not matter, as any
    /// pending timer may fire next.
    mutating func setTimer(_ timer: TimerID, after delay: Int, for process: ProcessID) {
        if settings.timers { state.setTimer(.init(process: process, timer: timer)) }
    }

    mutating func cancelTimer(_ timer: TimerID, for process: ProcessID) {
        if settings.timers { state.removeTimers(.init(process: process, timer: timer)) }
    }

    mutating func spawn(_ child: Role<Machine>, by parent: ProcessID) {
        if case .commander(let commander) = child, violation == nil, let (invariant, processes, detail) = monitor.checkSpawn(of: commander) {
            report(invariant, processes, detail)
        }
        observer.note { TraceEvent(time: $0, kind: .spawn, source: parent, destination: child.id, message: SpawnText(child: child).description) }
        state.insert(child)
        start(child.id)
    }

    private mutating func start(_ id: ProcessID) {
        guard let position = state.index(of: id) else { return }
        var outbox = takeOutbox()
        state.update(position) { $0.start(into: &outbox) }
        carryOut(outbox.effects, of: id)
        returnOutbox(&outbox)
    }

    /// Removes process `id` with its timers, and tells its leader.
    mutating func exit(_ id: ProcessID) {
        guard let position = state.index(of: id) else { return }
        state.removeProcess(at: position)
        if settings.timers { state.removeTimers(of: id) }
        observer.note { TraceEvent(time: $0, kind: .exit, source: id) }
        if id.host != id, let parent = state.index(of: id.host) {
            state.update(parent) { $0.childExited(id, at: 0) }
        }
    }

    /// Records client `id`'s answer. The request id the explorer traces counts the client's
    /// answers, which is its request's id: each client has one request in flight.
    mutating func complete(client id: ProcessID, requestID _: Int, output: Machine.Output?) {
        guard case .client(let client) = id else { return }
        let requestID = state.responses[client].count + 1
        state.respond(client: client, output)
        observer.note { TraceEvent(time: $0, kind: .respond, source: id, message: ResponseText<Machine>(requestID: requestID, output: output).description) }
        submitNext(client: client)
    }

    /// Has client `client` submit its next operation, if it has one left.
    private mutating func submitNext(client: Int) {
        let next = state.responses[client].count
        guard next < settings.workload[client].count, let position = state.index(of: .client(client)) else { return }
        let operation = settings.workload[client][next]
        var outbox = takeOutbox()
        let submitted = state.update(position) { process -> Bool in
            guard case .client(var role) = process, role.isIdle else { return false }
            role.submit(.operation(operation), into: &outbox)
            process = .client(role)
            return true
        }
        if submitted { carryOut(outbox.effects, of: .client(client)) }
        returnOutbox(&outbox)
    }

    private mutating func takeOutbox() -> Outbox<Machine> {
        spareOutboxes.popLast() ?? Outbox()
    }

    private mutating func returnOutbox(_ outbox: inout Outbox<Machine>) {
        outbox.removeAll()
        spareOutboxes.append(outbox)
    }
}

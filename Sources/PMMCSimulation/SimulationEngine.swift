import PMMC
import PMMCHost
import PMMCTrace

/// The state and event machinery behind ``Simulation``: a value type, so that the many
/// accesses an event makes are checked for exclusivity at compile time, not at run time.
struct SimulationEngine<Machine: StateMachine>: EffectHost {
    let options: SimulationOptions
    /// The configuration the simulation started with.
    let initialConfiguration: Configuration
    /// Virtual time of the event handled last.
    var now = 0
    var statistics = Statistics()
    /// The first invariant violation found, if any.
    var violation: InvariantViolation?
    /// Every client operation submitted so far, in the order called.
    var operations: [ClientOperation<Machine>] = []
    /// Receives every ``TraceEvent`` as it happens. When `nil` (the default) no event is built.
    var trace: ((TraceEvent) -> Void)?
    /// Receives the line of every ``TraceEvent``, written straight into its buffer. When
    /// `nil` (the default) nothing is written.
    var traceLines: TraceLines?
    /// The message last traced and its text, reused while one message is traced several
    /// times in a row (sent to several processes, then delivered to each).
    private var tracedMessage: (message: Message<Machine>, text: String)?

    enum Event {
        case start(ProcessID)
        /// A message on its way; `id` names this copy in the trace.
        case deliver(Envelope<Machine>, id: Int)
        case timer(ProcessID, TimerID)
        case fault(Fault)
    }

    private var queue = TickQueue<Event>()
    /// The id the next message sent (or duplicated) gets.
    private var nextMessageID = 0
    private var random: SeededRandom
    private var network: NetworkModel
    private var slotOf = ProcessDirectory()
    private var table = RoleTable<Machine>()
    /// The pending timers of the process in each slot of ``table``, cancelled when it exits.
    private var timers: [PendingTimers<TickQueue<Event>.Handle>] = []
    private var freeSlots: [Int] = []
    private var hosts: [ProcessID] = []
    private var crashed: Set<ProcessID> = []
    private var partitionGroup: [ProcessID: Int]?
    /// Hosts that send but do not receive (``Fault/deafen(_:)``).
    private var deaf: Set<ProcessID> = []
    private var monitor: InvariantMonitor<Machine>?
    private var scratch = Outbox<Machine>()
    /// Emptied outboxes kept for handlers that run while another outbox is being carried
    /// out (a child's start, a client's next request), so that they reuse storage.
    private var spareOutboxes: [Outbox<Machine>] = []
    /// Each client's operations, by client index; `nextOperation[i]` is the next to start.
    private var workload: [[Command<Machine>.Body]] = []
    private var nextOperation: [Int] = []
    private var queuedOperations = 0
    /// Each client's operation in flight, as an index into ``operations`` (-1 for none).
    private var pendingOperation: [Int] = []
    private(set) var completedOperations = 0
    private var startedOperations = 0
    private var decidedSlots: [Bool] = []
    private var replicaIDs: [ProcessID]

    /// Builds the cluster of `options`. Its leaders start (each spawning its first scout) with
    /// the first event at time 0, so a ``trace`` hook set after `init` sees everything.
    init(options: SimulationOptions) throws(SimulationError) {
        try options.validate()
        let configuration: Configuration
        do {
            configuration = try Configuration(replicas: options.replicas, leaders: options.leaders, acceptors: options.acceptors)
        } catch {
            throw .configuration(error)
        }
        self.options = options
        self.initialConfiguration = configuration
        self.random = SeededRandom(seed: options.seed)
        self.network = options.network
        self.replicaIDs = configuration.replicas
        if options.checkInvariants {
            monitor = InvariantMonitor(window: options.settings.window)
        }
        for replica in configuration.replicas {
            add(.replica(Replica(id: replica, leaders: configuration.leaders, replicas: configuration.replicas, settings: options.settings)))
        }
        addLeadersAndAcceptors(configuration)
        for index in 0..<options.clients {
            add(.client(Client(id: .client(index), replicas: configuration.replicas, settings: options.settings)))
            workload.append([])
            nextOperation.append(0)
            pendingOperation.append(-1)
        }
    }

    // MARK: Driving

    /// Queues a command body (an operation or a reconfiguration) for client `client`.
    mutating func submit(_ body: Command<Machine>.Body, client: Int) throws(SimulationError) {
        guard workload.indices.contains(client) else { throw .unknownProcess(.client(client)) }
        workload[client].append(body)
        queuedOperations += 1
        startNextOperation(of: client)
    }

    /// Adds new leaders and acceptors (numbered after the existing ones; the leaders start with
    /// the next event) and has client
    /// `client` submit a reconfiguration to them. Returns the new configuration.
    mutating func reconfigure(leaders: Int, acceptors: Int, client: Int) throws(SimulationError) -> Configuration {
        let configuration: Configuration
        do {
            configuration = try Configuration(
                replicas: replicaIDs,
                leaders: (0..<leaders).map { .leader(nextIndex(of: .leader(0)) + $0) },
                acceptors: (0..<acceptors).map { .acceptor(nextIndex(of: .acceptor(0)) + $0) })
        } catch {
            throw .configuration(error)
        }
        guard workload.indices.contains(client) else { throw .unknownProcess(.client(client)) }
        addLeadersAndAcceptors(configuration)
        try submit(.reconfigure(configuration), client: client)
        return configuration
    }

    /// Injects `fault` at virtual time `time` (not before ``now``).
    mutating func schedule(_ fault: Fault, at time: Int) throws(SimulationError) {
        guard time >= now else { throw .invalidOption("fault time \(time) is before the current time \(now)") }
        switch fault {
        case .crash(let process), .deafen(let process), .hear(let process):
            guard slotOf[process] != nil || hosts.contains(process) else { throw .unknownProcess(process) }
        case .restart(let process):
            guard hosts.contains(process) else { throw .unknownProcess(process) }
            try checkRestarts(of: process, crashedFirst: crashed.contains(process), then: (time, .restart(process)))
        case .partition(let groups):
            for process in groups.joined() where !hosts.contains(process) {
                throw .unknownProcess(process)
            }
        case .network(let model):
            try model.validate()
        case .heal:
            break
        }
        queue.schedule(.fault(fault), at: time)
    }

    /// The time of the next event, if any.
    var nextEventTime: Int? { queue.nextTime }

    /// Handles the next event if it is due by `timeLimit`. Returns `nil` if it did and found no
    /// invariant violation, otherwise why the run stops.
    mutating func step(dueBy timeLimit: Int) -> RunOutcome? {
        guard let time = queue.nextTime else { return .quiescent }
        guard time <= timeLimit else { return .timeLimit }
        step()
        return violation.map(RunOutcome.violation)
    }

    /// Handles the next event. - Precondition: there is one.
    ///
    /// Never inlined, so that ``Simulation/run(until:timeLimit:)`` stays small enough to be
    /// inlined where it is called, with its stop condition (Docs/Performance.md, "Session 7").
    @inline(never)
    mutating func step() {
        let (time, sequence, event) = queue.next()!
        now = max(now, time)
        statistics.events += 1
        handle(event, sequence: sequence)
    }

    // MARK: Scripted schedule

    /// Every queued event, in the order the random schedule would handle them.
    var pending: [PendingEvent<Machine>] {
        queue.entries.map { entry in
            let kind: PendingEvent<Machine>.Kind
            switch entry.event {
            case .start(let leader): kind = .start(leader)
            case .deliver(let envelope, _): kind = .message(envelope)
            case .timer(let process, let timer): kind = .timer(process, timer)
            case .fault(let fault): kind = .fault(fault)
            }
            return PendingEvent(id: entry.sequence, time: entry.time, kind: kind)
        }
    }

    /// Handles pending event `id` now, out of turn. Each scripted action takes one tick, or
    /// more when the event is due later (a timer).
    mutating func perform(_ id: Int) throws(SimulationError) {
        if case .fault(.restart(let process))? = queue.event(sequence: id), !crashed.contains(process) {
            throw .notCrashed(process, time: now + 1)
        }
        guard let (time, sequence, event) = queue.remove(sequence: id) else { throw .noSuchEvent("event #\(id)") }
        now = max(now + 1, time)
        statistics.events += 1
        handle(event, sequence: sequence)
    }

    /// Loses pending message `id`.
    mutating func drop(_ id: Int) throws(SimulationError) {
        guard case .deliver? = queue.event(sequence: id), case (let time, _, .deliver(let envelope, let messageID))? = queue.remove(sequence: id)
        else { throw .noSuchEvent("message #\(id)") }
        now = max(now + 1, time)
        statistics.events += 1
        drop(envelope, id: messageID, reason: .schedule)
    }

    /// Sends `message` from `source` to `destination` as if `source` had sent it, taking one
    /// tick. The source need not exist: a script may play a process it does not simulate.
    mutating func inject(_ message: Message<Machine>, from source: ProcessID, to destination: ProcessID) throws(SimulationError) {
        guard slotOf[destination] != nil else { throw .unknownProcess(destination) }
        now += 1
        statistics.events += 1
        transmit(Envelope(source: source, destination: destination, message: message), injected: true)
    }

    /// Crashes `process` now, taking one tick.
    mutating func crash(_ process: ProcessID) throws(SimulationError) {
        guard slotOf[process] != nil || hosts.contains(process) else { throw .unknownProcess(process) }
        now += 1
        statistics.events += 1
        apply(.crash(process))
    }

    /// Restarts crashed `process` now, taking one tick.
    mutating func restart(_ process: ProcessID) throws(SimulationError) {
        guard hosts.contains(process) else { throw .unknownProcess(process) }
        guard crashed.contains(process) else { throw .notCrashed(process, time: now + 1) }
        try checkRestarts(of: process, crashedFirst: false)
        now += 1
        statistics.events += 1
        apply(.restart(process))
    }

    /// Checks that every restart of `process` among the pending faults, with `added` queued
    /// after them at its time, finds it crashed, when it is crashed before the first of them
    /// if `crashedFirst`.
    private func checkRestarts(
        of process: ProcessID, crashedFirst: Bool, then added: (time: Int, fault: Fault)? = nil
    ) throws(SimulationError) {
        var faults = queue.entries.compactMap { entry -> (time: Int, sequence: Int, fault: Fault)? in
            guard case .fault(let fault) = entry.event else { return nil }
            return (entry.time, entry.sequence, fault)
        }
        if let added { faults.append((added.time, Int.max, added.fault)) }
        var isCrashed = crashedFirst
        for (time, _, fault) in faults.sorted(by: { ($0.time, $0.sequence) < ($1.time, $1.sequence) }) {
            switch fault {
            case .crash(process): isCrashed = true
            case .restart(process):
                guard isCrashed else { throw .notCrashed(process, time: time) }
                isCrashed = false
            default: continue
            }
        }
    }

    // MARK: Inspection

    /// Whether every submitted operation has completed.
    var allOperationsCompleted: Bool {
        completedOperations == startedOperations && queuedOperations == 0
    }

    /// The live process named `id` (exited scouts and commanders are gone).
    func process(_ id: ProcessID) -> Role<Machine>? {
        slotOf[id].flatMap { table[$0] }
    }

    /// Every live process, in id order.
    var processIDs: [ProcessID] { slotOf.ids }

    /// Whether `id` (or its host) has crashed.
    func isCrashed(_ id: ProcessID) -> Bool {
        !crashed.isEmpty && (crashed.contains(id) || crashed.contains(id.host))
    }

    /// Every replica, in index order.
    var replicas: [Replica<Machine>] {
        replicaIDs.compactMap { if case .replica(let replica)? = process($0) { replica } else { nil } }
    }

    /// Replaces a process with one of custom behaviour (a test's faulty acceptor, say).
    mutating func replace(_ id: ProcessID, with process: any CustomRole<Machine>) throws(SimulationError) {
        guard let slot = slotOf[id] else { throw .unknownProcess(id) }
        guard process.id == id else { throw .invalidOption("replacement for \(id) is named \(process.id)") }
        table.put(.custom(process), at: slot)
        monitor?.forget(tableSlot: slot)
    }

    // MARK: Events

    /// Handles `event`, moving its message out rather than copying it.
    private mutating func handle(_ event: consuming Event, sequence: Int) {
        switch consume event {
        case .start(let id):
            guard !isCrashed(id), let slot = slotOf[id] else { return }
            var outbox = takeOutbox()
            table.start(slot, into: &outbox)
            carryOut(outbox.effects, of: id)
            returnOutbox(&outbox)
        case .deliver(let envelope, let id):
            deliver(envelope, id: id)
        case .timer(let id, let timer):
            guard let slot = slotOf[id] else { return }
            timers[slot].forget(sequence: sequence)
            guard !isCrashed(id) else { return }
            statistics.host.timersFired += 1
            traceEvent(.timer, of: id, timer: timer)
            scratch.removeAll()
            scratch.now = now
            table.timerFired(timer, at: slot, into: &scratch)
            if monitor != nil { check(slot, id: id, delivered: nil) }
            carryOut(scratch.effects, of: id)
        case .fault(let fault):
            apply(fault)
        }
    }

    private mutating func deliver(_ envelope: Envelope<Machine>, id: Int) {
        let destination = envelope.destination
        if isCrashed(destination) {
            return drop(envelope, id: id, reason: .crashed)
        }
        if !deaf.isEmpty, deaf.contains(destination.host) {
            return drop(envelope, id: id, reason: .deaf)
        }
        if let partitionGroup, group(of: envelope.source.host, in: partitionGroup) != group(of: destination.host, in: partitionGroup) {
            return drop(envelope, id: id, reason: .partition)
        }
        guard let slot = slotOf[destination] else {
            statistics.host.arrivedAfterExit += 1
            traceMessage(.drop, envelope, id: id, reason: .exited)
            return
        }
        statistics.host.delivered += 1
        scratch.removeAll()
        scratch.now = now
        table.receive(envelope.message, from: envelope.source, at: slot, into: &scratch)
        if trace != nil || traceLines != nil {
            traceMessage(.deliver, envelope, id: id, ignored: scratch.observations.contains(.ignored))
        }
        report(scratch.observations, of: destination)
        if monitor != nil { check(slot, id: destination, delivered: envelope.message) }
        carryOut(scratch.effects, of: destination)
    }

    // MARK: Observations

    /// Traces that `replica` learned the decision of `slot`, and counts the slot as decided
    /// the first time any replica learns it.
    mutating func decided(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID) {
        guard case .replica = replica else { return }
        traceCommand(.decide, command, slot: slot, by: replica)
        if slot >= decidedSlots.count {
            decidedSlots.append(contentsOf: repeatElement(false, count: max(slot + 1 - decidedSlots.count, decidedSlots.count)))
        }
        guard !decidedSlots[slot] else { return }
        decidedSlots[slot] = true
        statistics.slotsDecided += 1
        switch command.body {
        case .noop: statistics.noopSlots += 1
        case .batch(let commands):
            statistics.batchSlots += 1
            statistics.commandsDecided += commands.count
        case .operation, .reconfigure: statistics.commandsDecided += 1
        }
    }

    /// Records that leader `leader` became active with `ballot`.
    mutating func adopted(_ leader: ProcessID, ballot: Ballot) {
        statistics.adoptions.append(Statistics.Adoption(time: now, leader: leader, ballot: ballot))
    }

    /// Traces that `replica` performed `slot`.
    mutating func applied(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID) {
        traceCommand(.apply, command, slot: slot, by: replica)
    }

    /// Counts a preemption.
    mutating func preempted(_ leader: ProcessID, by ballot: Ballot) {
        statistics.preemptions += 1
    }

    private mutating func check(_ slot: Int, id: ProcessID, delivered message: Message<Machine>?) {
        guard monitor != nil, violation == nil else { return }
        let found = table.check(slot, with: &monitor!, id: id, delivered: message, observations: scratch.observations)
        statistics.invariantChecks = monitor!.checks
        if let (invariant, processes, detail) = found {
            report(invariant, processes, detail)
        }
    }

    private mutating func report(_ invariant: Invariant, _ processes: [ProcessID], _ detail: String) {
        guard violation == nil else { return }
        violation = InvariantViolation(invariant: invariant, processes: processes, step: statistics.events, time: now, detail: detail)
    }

    private mutating func drop(_ envelope: Envelope<Machine>, id: Int, reason: TraceEvent.DropReason) {
        statistics.host.dropped += 1
        traceMessage(.drop, envelope, id: id, reason: reason)
    }

    /// Hands `event` to the trace hook and the trace lines, whichever are set.
    private func record(_ event: @autoclosure () -> TraceEvent) {
        guard trace != nil || traceLines != nil else { return }
        let event = event()
        trace?(event)
        traceLines?.append(event)
    }

    /// Traces an event of `process` without a message: a timer firing (with `timer`) or an
    /// exit. Its line is written straight into ``traceLines``, without building the event.
    private func traceEvent(_ kind: TraceEvent.Kind, of process: ProcessID, timer: TimerID? = nil) {
        if let traceLines {
            let time = now
            traceLines.appendLine { TraceEvent.appendJSONLine(time: time, kind: kind, source: process, timer: timer, to: &$0) }
        }
        trace?(TraceEvent(time: now, kind: kind, source: process, timer: timer))
    }

    /// Writes the line of an event whose message is `text`'s notation into ``traceLines``, if
    /// set: the line of the ``TraceEvent`` with `text.description` as its message.
    private func writeLine(
        _ kind: TraceEvent.Kind, source: ProcessID, destination: ProcessID? = nil, messageID: Int? = nil,
        messageKind: MessageKind? = nil, slot: Int? = nil, reason: TraceEvent.DropReason? = nil, ignored: Bool = false,
        injected: Bool = false, text: some NotationPrintable
    ) {
        guard let traceLines else { return }
        let time = now
        traceLines.appendLine { bytes in
            TraceEvent.appendJSONLine(
                time: time, kind: kind, source: source, destination: destination, messageID: messageID,
                messageKind: messageKind, slot: slot, reason: reason, ignored: ignored, injected: injected, to: &bytes
            ) {
                text.writeNotation(to: &$0)
            }
        }
    }

    /// Traces that `replica` learned (`decide`) or performed (`apply`) `command` in `slot`.
    private func traceCommand(_ kind: TraceEvent.Kind, _ command: Command<Machine>, slot: Int, by replica: ProcessID) {
        writeLine(kind, source: replica, slot: slot, text: command)
        trace?(TraceEvent(time: now, kind: kind, source: replica, message: command.description, slot: slot))
    }

    /// Traces one copy of a message: sent, duplicated, delivered or dropped.
    private mutating func traceMessage(
        _ kind: TraceEvent.Kind, _ envelope: Envelope<Machine>, id: Int,
        reason: TraceEvent.DropReason? = nil, ignored: Bool = false, injected: Bool = false
    ) {
        // Checked first, so that an untraced send reads neither the message's kind nor passes
        // the message on.
        guard trace != nil || traceLines != nil else { return }
        writeLine(
            kind, source: envelope.source, destination: envelope.destination, messageID: id, messageKind: envelope.message.kind,
            reason: reason, ignored: ignored, injected: injected, text: envelope.message)
        guard let trace else { return }
        let text: String
        if let last = tracedMessage, last.message == envelope.message {
            text = last.text
        } else {
            text = envelope.message.description
            tracedMessage = (envelope.message, text)
        }
        trace(TraceEvent(kind, of: envelope, id: id, at: now, text: text, reason: reason, ignored: ignored, injected: injected))
    }

    private func group(of host: ProcessID, in groups: [ProcessID: Int]) -> Int {
        groups[host] ?? -1
    }

    // MARK: Effects

    // The engine carries out effects as an ``EffectHost``, through `carryOut(_:of:)`.

    mutating func send(_ message: Message<Machine>, from source: ProcessID, to destination: ProcessID) {
        transmit(Envelope(source: source, destination: destination, message: message))
    }

    mutating func setTimer(_ timer: TimerID, after delay: Int, for process: ProcessID) {
        let handle = queue.schedule(.timer(process, timer), at: now + delay)
        if let slot = slotOf[process] { timers[slot].append(timer, sequence: handle.sequence, handle: handle) }
    }

    mutating func cancelTimer(_ timer: TimerID, for process: ProcessID) {
        guard let slot = slotOf[process] else { return }
        timers[slot].remove(timer) { queue.cancel($0) }
    }

    /// Removes process `id`, cancels its pending timers, and tells its leader, if it is a
    /// scout or commander whose leader still runs.
    mutating func exit(_ id: ProcessID) {
        if let slot = slotOf[id] {
            // Storage kept for the next process in this slot, most often the leader's next
            // commander.
            timers[slot].removeAll { queue.cancel($0) }
            slotOf[id] = nil
            table.remove(slot)
            freeSlots.append(slot)
        }
        traceEvent(.exit, of: id)
        if id.host != id, !isCrashed(id.host), let parent = slotOf[id.host] {
            table.childExited(id, at: now, slot: parent)
        }
    }

    /// Sends `envelope` through the network, moving it into the queue: only a duplicate is a
    /// copy.
    private mutating func transmit(_ envelope: __owned Envelope<Machine>, injected: Bool = false) {
        statistics.host.countSent(envelope.message.kind)
        let id = nextMessageID
        nextMessageID += 1
        traceMessage(.send, envelope, id: id, injected: injected)
        if envelope.source.host == envelope.destination.host {
            queue.schedule(.deliver(envelope, id: id), at: now)
            return
        }
        if random.chance(network.lossRate) {
            return drop(envelope, id: id, reason: .loss)
        }
        let arrival = now + latency()
        guard random.chance(network.duplicationRate) else {
            queue.schedule(.deliver(envelope, id: id), at: arrival)
            return
        }
        queue.schedule(.deliver(envelope, id: id), at: arrival)
        statistics.duplicated += 1
        let duplicateID = nextMessageID
        nextMessageID += 1
        traceMessage(.duplicate, envelope, id: duplicateID)
        queue.schedule(.deliver(envelope, id: duplicateID), at: now + latency())
    }

    private mutating func latency() -> Int {
        let range = network.latency
        return range.lowerBound == range.upperBound ? range.lowerBound : random.uniform(in: range)
    }

    mutating func spawn(_ child: __owned Role<Machine>, by parent: ProcessID) {
        if monitor != nil, violation == nil, case .commander(let commander) = child,
           let (invariant, processes, detail) = monitor!.checkSpawn(of: commander) {
            report(invariant, processes, detail)
        }
        if trace != nil || traceLines != nil { traceSpawn(of: child, by: parent) }
        let (slot, id) = add(child)
        if !table.isCustom(slot) { statistics.host.countSpawn(of: id) }
        var outbox = takeOutbox()
        table.start(slot, into: &outbox)
        carryOut(outbox.effects, of: id)
        returnOutbox(&outbox)
    }

    /// Traces `parent`'s spawn of `child`.
    private func traceSpawn(of child: Role<Machine>, by parent: ProcessID) {
        let id = child.id
        let text = SpawnText(child: child)
        writeLine(.spawn, source: parent, destination: id, text: text)
        trace?(TraceEvent(time: now, kind: .spawn, source: parent, destination: id, message: text.description))
    }

    /// Puts `process` into the process table; returns its slot there and its id, which the
    /// table reads as the process goes in (``Role/id`` would copy the role out of its enum).
    @discardableResult
    private mutating func add(_ process: __owned Role<Machine>) -> (slot: Int, id: ProcessID) {
        let reused = freeSlots.popLast()
        let slot = reused ?? table.count
        let id = table.put(process, at: slot)
        slotOf[id] = slot
        if id.host == id { hosts.append(id) }
        if reused == nil {
            timers.append(PendingTimers())
        } else {
            monitor?.forget(tableSlot: slot)
        }
        return (slot, id)
    }

    /// An empty outbox, at the current virtual time.
    private mutating func takeOutbox() -> Outbox<Machine> {
        var outbox = spareOutboxes.popLast() ?? Outbox()
        outbox.now = now
        return outbox
    }

    private mutating func returnOutbox(_ outbox: inout Outbox<Machine>) {
        outbox.removeAll()
        spareOutboxes.append(outbox)
    }

    private mutating func addLeadersAndAcceptors(_ configuration: Configuration) {
        for acceptor in configuration.acceptors {
            add(.acceptor(Acceptor(id: acceptor, settings: options.settings)))
        }
        for leader in configuration.leaders {
            guard case .leader(let index) = leader else { continue }
            monitor?.register(leader: index, acceptorCount: configuration.acceptors.count)
            add(.leader(Leader(id: leader, acceptors: configuration.acceptors, replicas: configuration.replicas,
                               settings: options.settings)))
            queue.schedule(.start(leader), at: now)
        }
    }

    private func nextIndex(of role: ProcessID) -> Int {
        let indices = hosts.compactMap { host -> Int? in
            switch (role, host) {
            case (.leader, .leader(let index)), (.acceptor, .acceptor(let index)): index
            default: nil
            }
        }
        return (indices.max() ?? -1) + 1
    }

    // MARK: Clients

    private mutating func startNextOperation(of client: Int) {
        let id = ProcessID.client(client)
        guard nextOperation[client] < workload[client].count, !isCrashed(id), let slot = slotOf[id],
              table.isIdleClient(slot)
        else { return }
        let body = workload[client][nextOperation[client]]
        nextOperation[client] += 1
        if nextOperation[client] >= Self.trimStep {
            workload[client].removeFirst(nextOperation[client])
            nextOperation[client] = 0
        }
        queuedOperations -= 1
        startedOperations += 1
        var outbox = takeOutbox()
        let command = table.submit(body, client: slot, into: &outbox)
        pendingOperation[client] = operations.count
        operations.append(ClientOperation(client: id, requestID: command.requestID, body: body, call: now))
        carryOut(outbox.effects, of: id)
        returnOutbox(&outbox)
    }

    mutating func complete(client id: ProcessID, requestID: Int, output: Machine.Output?) {
        guard case .client(let client) = id, pendingOperation[client] >= 0 else { return }
        let index = pendingOperation[client]
        pendingOperation[client] = -1
        operations[index].return = now
        operations[index].output = output
        completedOperations += 1
        statistics.operationsCompleted += 1
        if !options.keepsHistory, operations.count >= 2 * Self.trimStep {
            dropCompletedOperations()
        }
        writeLine(.respond, source: id, text: ResponseText<Machine>(requestID: requestID, output: output))
        trace?(TraceEvent(time: now, kind: .respond, source: id, message: ResponseText<Machine>(requestID: requestID, output: output).description))
        startNextOperation(of: client)
    }

    /// How many started operations a client's queue, or completed ones ``operations`` without
    /// history, hold before they are dropped.
    private static var trimStep: Int { 1_024 }

    /// Keeps only the operations in flight in ``operations``, and points each client at its own.
    private mutating func dropCompletedOperations() {
        operations.removeAll(where: \.isComplete)
        pendingOperation = pendingOperation.map { _ in -1 }
        for (index, operation) in operations.enumerated() {
            guard case .client(let client) = operation.client else { continue }
            pendingOperation[client] = index
        }
    }

    // MARK: Faults

    private mutating func apply(_ fault: Fault) {
        statistics.faults.append((now, fault))
        switch fault {
        case .crash(let process):
            crashed.insert(process)
            record(TraceEvent(time: now, kind: .crash, source: process))
        case .restart(let process):
            recover(process)
        case .partition(let groups):
            var map: [ProcessID: Int] = [:]
            for (index, group) in groups.enumerated() {
                for process in group { map[process.host] = index }
            }
            partitionGroup = map
            record(TraceEvent(time: now, kind: .partition, detail: fault.description))
        case .heal:
            partitionGroup = nil
            record(TraceEvent(time: now, kind: .heal))
        case .network(let model):
            network = model
            record(TraceEvent(time: now, kind: .network, detail: fault.description))
        case .deafen(let process):
            deaf.insert(process)
            record(TraceEvent(time: now, kind: .network, detail: fault.description))
        case .hear(let process):
            deaf.remove(process)
            record(TraceEvent(time: now, kind: .network, detail: fault.description))
        }
    }

    /// Brings crashed `process` back (``Fault/restart(_:)``): its scouts and commanders exit,
    /// its pending timers and a start it never made are dropped, and its role restarts with
    /// the state it had (``Role/restart(into:)``). A client then takes up its workload.
    private mutating func recover(_ process: ProcessID) {
        guard crashed.contains(process), let slot = slotOf[process] else { return }
        for child in slotOf.ids where child.host == process && child != process {
            exit(child)
        }
        crashed = crashed.filter { $0.host != process }
        timers[slot].removeAll { queue.cancel($0) }
        for entry in queue.entries {
            if case .start(process) = entry.event { _ = queue.remove(sequence: entry.sequence) }
        }
        record(TraceEvent(time: now, kind: .restart, source: process))
        var outbox = takeOutbox()
        table.restart(slot, into: &outbox)
        carryOut(outbox.effects, of: process)
        returnOutbox(&outbox)
        if case .client(let index) = process {
            startNextOperation(of: index)
        }
    }
}

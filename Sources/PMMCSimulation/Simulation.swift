import PMMC
import PMMCTrace

/// A deterministic discrete-event simulation of a PMMC deployment.
///
/// It hosts the protocol's role state machines, delivers their messages through a seeded
/// network model on a virtual clock, carries out their effects, injects faults on request,
/// records client operations, and checks the paper's invariants after every event.
///
/// ```swift
/// let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(seed: 7))
/// try simulation.submit(.put(key: "k1", value: "v1"), client: 0)
/// try simulation.schedule(.crash(.leader(1)), at: 50)
/// let outcome = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 10_000)
/// ```
public final class Simulation<Machine: StateMachine> {
    /// Not checked for exclusivity at run time, which cost about 117 instructions per event,
    /// 3% of a run (Docs/Performance.md, "Session 8"). Every access is a call on this class
    /// that ends before the next begins: ``run(until:timeLimit:)`` asks its condition between
    /// events, and the ``trace`` hook must not call back into the simulation (no hook does).
    @exclusivity(unchecked) private var engine: SimulationEngine<Machine>
    /// Every scripted call made on this simulation so far, in order (a fork's starts with its
    /// parent's): replaying it with ``replay(_:)`` on a fresh simulation of the same
    /// ``options`` rebuilds this one. ``replace(_:with:)`` is not recorded, as a custom role
    /// cannot be rebuilt from a log. Empty without ``SimulationOptions/keepsLog``.
    public private(set) var log: [ScriptedAction<Machine>] = []

    /// Builds the cluster of `options`. Its leaders start (each spawning its first scout) with
    /// the first event at time 0, so a ``trace`` hook set after `init` sees everything.
    public init(options: SimulationOptions) throws(SimulationError) {
        engine = try SimulationEngine(options: options)
    }

    private init(engine: SimulationEngine<Machine>, log: [ScriptedAction<Machine>]) {
        self.engine = engine
        self.log = log
    }

    /// An independent simulation in the same state as this one, to take a story two ways
    /// from one point ("Or…" in the slides). It shares this one's ``trace`` hook until given
    /// its own.
    public func fork() -> Simulation {
        Simulation(engine: engine, log: log)
    }

    /// Appends `action` to ``log``, if the options keep one.
    private func record(_ action: ScriptedAction<Machine>) {
        if engine.options.keepsLog { log.append(action) }
    }

    public var options: SimulationOptions { engine.options }
    /// The configuration the simulation started with.
    public var initialConfiguration: Configuration { engine.initialConfiguration }
    /// Virtual time of the event handled last.
    public var now: Int { engine.now }
    public var statistics: Statistics { engine.statistics }
    /// The first invariant violation found, if any.
    public var violation: InvariantViolation? { engine.violation }
    /// Every client operation submitted so far, in the order called; without
    /// ``SimulationOptions/keepsHistory``, only the recent ones.
    public var operations: [ClientOperation<Machine>] { engine.operations }
    /// How many client operations have completed.
    public var completedOperationCount: Int { engine.completedOperations }
    /// Receives every ``TraceEvent`` as it happens. When `nil` (the default) no event is built.
    /// The hook runs in the middle of an event, so it must not call this simulation.
    public var trace: ((TraceEvent) -> Void)? {
        get { engine.trace }
        set { engine.trace = newValue }
    }
    /// Receives the line of every ``TraceEvent`` as it happens, the same bytes as
    /// ``TraceEvent/jsonLine``, written straight into the lines' buffer without building the
    /// event: the cheap way to trace to a file (`pmmc simulate --trace`). Independent of
    /// ``trace``; either, both or neither may be set.
    public var traceLines: TraceLines? {
        get { engine.traceLines }
        set { engine.traceLines = newValue }
    }

    // MARK: Driving

    /// Queues an operation for client `client`; clients run their queues one request at a time.
    public func submit(_ operation: Machine.Operation, client: Int) throws(SimulationError) {
        try submit(.operation(operation), client: client)
    }

    /// Queues a command body (an operation or a reconfiguration) for client `client`.
    public func submit(_ body: Command<Machine>.Body, client: Int) throws(SimulationError) {
        try engine.submit(body, client: client)
        record(.submit(body, client: client))
    }

    /// Adds new leaders and acceptors (numbered after the existing ones; the leaders start with
    /// the next event) and has client `client` submit a reconfiguration to them. Returns the
    /// new configuration.
    @discardableResult
    public func reconfigure(leaders: Int, acceptors: Int, client: Int) throws(SimulationError) -> Configuration {
        let configuration = try engine.reconfigure(leaders: leaders, acceptors: acceptors, client: client)
        record(.reconfigure(leaders: leaders, acceptors: acceptors, client: client))
        return configuration
    }

    /// Injects `fault` at virtual time `time` (not before ``now``).
    public func schedule(_ fault: Fault, at time: Int) throws(SimulationError) {
        try engine.schedule(fault, at: time)
        record(.schedule(fault, at: time))
    }

    /// Handles events in order until `condition` holds (checked before every event), an
    /// invariant is violated, nothing is left to do, or the next event lies after `timeLimit`.
    @discardableResult
    public func run(until condition: ((Simulation) -> Bool)? = nil, timeLimit: Int) -> RunOutcome {
        let eventsBefore = engine.statistics.events
        defer {
            let handled = engine.statistics.events - eventsBefore
            if handled > 0 { record(.run(events: handled)) }
        }
        if let violation = engine.violation { return .violation(violation) }
        guard let condition else { return runEvents(until: { _ in false }, timeLimit: timeLimit) }
        return runEvents(until: condition, timeLimit: timeLimit)
    }

    /// The loop of ``run(until:timeLimit:)``, given its condition as a non-escaping closure:
    /// each call of the optional, escaping one retained and released its context, 40
    /// instructions an event (Docs/Performance.md, "Session 8").
    @inline(__always)
    private func runEvents(until condition: (Simulation) -> Bool, timeLimit: Int) -> RunOutcome {
        while true {
            if condition(self) { return .conditionMet }
            if let stop = engine.step(dueBy: timeLimit) { return stop }
        }
    }

    // MARK: Scripted schedule

    /// Every queued event (messages in flight, timers, leader starts, faults), in the order
    /// the random schedule would handle them.
    public var pending: [PendingEvent<Machine>] { engine.pending }

    /// Handles pending event `id` now, whatever its place in the queue: delivers a message,
    /// fires a timer, starts a leader or applies a fault. Each scripted action advances
    /// virtual time by one tick, or to the event's time if that is later.
    public func perform(_ id: Int) throws(SimulationError) {
        try engine.perform(id)
        record(.perform(id))
    }

    /// Loses pending message `id` (traced as a drop, reason `schedule`).
    public func drop(_ id: Int) throws(SimulationError) {
        try engine.drop(id)
        record(.drop(id))
    }

    /// Sends `message` to `destination` as if from `source`, which need not exist: a script
    /// can play a process it does not simulate. Takes one tick; the message is then pending.
    public func inject(_ message: Message<Machine>, from source: ProcessID, to destination: ProcessID) throws(SimulationError) {
        try engine.inject(message, from: source, to: destination)
        record(.inject(message, from: source, to: destination))
    }

    /// Crashes `process` (a leader with its scouts and commanders) now, taking one tick.
    public func crash(_ process: ProcessID) throws(SimulationError) {
        try engine.crash(process)
        record(.crash(process))
    }

    /// Restarts crashed `process` now, taking one tick: it comes back with the role state it
    /// had when it crashed (``Fault/restart(_:)``). Throws ``SimulationError/notCrashed(_:time:)``
    /// for a process that is not crashed, or one whose scheduled restart would then find it
    /// running.
    public func restart(_ process: ProcessID) throws(SimulationError) {
        try engine.restart(process)
        record(.restart(process))
    }

    /// Replaces a process with one of custom behaviour (a test's faulty acceptor, say).
    public func replace(_ id: ProcessID, with process: any CustomRole<Machine>) throws(SimulationError) {
        try engine.replace(id, with: process)
    }

    // MARK: Inspection

    /// Whether every submitted operation has completed.
    public var allOperationsCompleted: Bool { engine.allOperationsCompleted }

    /// The live process named `id` (exited scouts and commanders are gone).
    public func process(_ id: ProcessID) -> Role<Machine>? { engine.process(id) }

    /// Every live process, in id order.
    public var processIDs: [ProcessID] { engine.processIDs }

    /// Whether `id` (or its host) has crashed.
    public func isCrashed(_ id: ProcessID) -> Bool { engine.isCrashed(id) }

    public func replica(_ index: Int) -> Replica<Machine>? {
        if case .replica(let replica)? = process(.replica(index)) { return replica }
        return nil
    }

    public func leader(_ index: Int) -> Leader<Machine>? {
        if case .leader(let leader)? = process(.leader(index)) { return leader }
        return nil
    }

    public func acceptor(_ index: Int) -> Acceptor<Machine>? {
        if case .acceptor(let acceptor)? = process(.acceptor(index)) { return acceptor }
        return nil
    }

    public func client(_ index: Int) -> Client<Machine>? {
        if case .client(let client)? = process(.client(index)) { return client }
        return nil
    }

    /// Every replica, in index order.
    public var replicas: [Replica<Machine>] { engine.replicas }
}

extension Simulation where Machine == KeyValueStore {
    /// Queues `Put key value` for client `client`.
    public func put(_ key: String, _ value: String, client: Int) throws(SimulationError) {
        try submit(.put(key: key, value: value), client: client)
    }

    /// Queues `Get key` for client `client`.
    public func get(_ key: String, client: Int) throws(SimulationError) {
        try submit(.get(key: key), client: client)
    }

    /// Queues `App key value` for client `client`.
    public func append(_ key: String, _ value: String, client: Int) throws(SimulationError) {
        try submit(.append(key: key, value: value), client: client)
    }
}

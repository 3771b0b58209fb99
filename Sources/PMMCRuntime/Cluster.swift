import PMMC

/// A running PMMC deployment in which every process is an actor.
///
/// Each replica, leader, acceptor and client is a ``ProcessActor`` on a task of its own; a
/// leader's actor also hosts the scouts and commanders it spawns, for as long as they live. They talk through
/// a message bus that can lose, delay and partition messages and crash processes. Timers run
/// on the real clock: one tick of ``ClusterOptions/settings`` lasts ``ClusterOptions/tick``.
///
/// ```swift
/// let cluster = try Cluster<KeyValueStore>(options: ClusterOptions(acceptors: 3))
/// let client = try cluster.makeClient()
/// try await client.put("k1", "v1")
/// try cluster.crash(.leader(0))
/// let value = try await client.get("k1")     // "v1", once leader 1 has taken over
/// await cluster.shutdown()
/// ```
///
/// Call ``shutdown()`` when done: it stops every process, fails calls still waiting, ends
/// the event streams, and returns once every task has finished.
public final class Cluster<Machine: StateMachine>: Sendable {
    public let options: ClusterOptions
    /// The configuration the cluster started with.
    public let initialConfiguration: Configuration
    let bus: MessageBus<Machine>
    private let clientCount = Locked(0)

    /// Starts the replicas, leaders and acceptors of `options`. The leaders begin phase 1 at
    /// once.
    ///
    /// - Parameter observe: Called, before any process starts, with a stream of every timed
    ///   event of the run, so that it misses nothing (``timedEvents()`` called after `init`
    ///   starts later). `pmmc run --trace` uses it.
    public init(
        options: ClusterOptions = ClusterOptions(),
        observe: ((AsyncStream<TimedRuntimeEvent<Machine>>) -> Void)? = nil
    ) throws(RuntimeError) {
        try options.validate()
        do {
            initialConfiguration = try Configuration(
                replicas: options.replicas, leaders: options.leaders, acceptors: options.acceptors)
        } catch {
            throw .configuration(error)
        }
        self.options = options
        bus = MessageBus(tick: options.tick, faults: options.faults)
        if let observe { observe(bus.timedEvents()) }
        bus.startTimers()
        let replicas = initialConfiguration.replicas.map { replica in
            Role<Machine>.replica(Replica(id: replica, leaders: initialConfiguration.leaders, replicas: initialConfiguration.replicas, settings: options.settings))
        }
        try bus.start(replicas + leadersAndAcceptors(of: initialConfiguration))
    }

    /// A cluster dropped without ``shutdown()`` stops every process and timer and ends its
    /// event streams at once. Its tasks finish on their own, and then release the actors and
    /// the bus.
    deinit {
        _ = bus.close()
        bus.finishEvents()
    }

    // MARK: Clients

    /// Starts a new client, `c0`, `c1`, … in order, and returns its handle.
    public func makeClient() throws(RuntimeError) -> ClientHandle<Machine> {
        let index = clientCount.withLock { count in
            defer { count += 1 }
            return count
        }
        let client = Client<Machine>(id: .client(index), replicas: initialConfiguration.replicas, settings: options.settings)
        return ClientHandle(actor: try bus.start([.client(client)])[0])
    }

    /// Starts `leaders` new leaders and `acceptors` new acceptors, numbered after every
    /// existing one, and has `client` ask the replicas to switch to them. Returns the new
    /// configuration once the reconfiguration has been performed by a replica. It takes
    /// effect WINDOW slots after the slot it was decided in.
    ///
    /// - Throws: ``RuntimeError/processExists(_:)``, having started none of them, if a
    ///   concurrent call took the same new ids first; call it again to number them anew.
    @discardableResult
    public func reconfigure(leaders: Int, acceptors: Int, using client: ClientHandle<Machine>) async throws -> Configuration {
        let hosts = bus.hosts
        func next(_ index: (ProcessID) -> Int?) -> Int { (hosts.compactMap(index).max() ?? -1) + 1 }
        let firstLeader = next { if case .leader(let index) = $0 { index } else { nil } }
        let firstAcceptor = next { if case .acceptor(let index) = $0 { index } else { nil } }
        let configuration: Configuration
        do {
            configuration = try Configuration(
                replicas: initialConfiguration.replicas,
                leaders: (firstLeader..<firstLeader + max(leaders, 0)).map(ProcessID.leader),
                acceptors: (firstAcceptor..<firstAcceptor + max(acceptors, 0)).map(ProcessID.acceptor))
        } catch {
            throw RuntimeError.configuration(error)
        }
        try bus.start(leadersAndAcceptors(of: configuration))
        _ = try await client.submit(.reconfigure(configuration))
        return configuration
    }

    private func leadersAndAcceptors(of configuration: Configuration) -> [Role<Machine>] {
        configuration.acceptors.map { .acceptor(Acceptor(id: $0, settings: options.settings)) } + configuration.leaders.map { leader in
            .leader(Leader(
                id: leader, acceptors: configuration.acceptors, replicas: configuration.replicas,
                settings: options.settings))
        }
    }

    // MARK: Faults

    /// Crashes process `id`: from now on it receives and sends nothing, and its timers never
    /// fire. A leader's scouts and commanders crash with it; a client's calls fail.
    public func crash(_ id: ProcessID) throws(RuntimeError) {
        try bus.crash(id)
    }

    /// Splits the network: each group reaches only its own members, and processes in no group
    /// form one more group. Replaces any earlier partition. Scouts and commanders are on
    /// their leader's side. Name replicas, leaders, acceptors and clients only.
    public func partition(_ groups: [[ProcessID]]) throws(RuntimeError) {
        try bus.partition(groups)
    }

    /// Removes the partition.
    public func heal() {
        bus.heal()
    }

    /// Changes the loss and extra delay of messages sent from now on.
    public func setNetworkFaults(_ faults: NetworkFaults) throws(RuntimeError) {
        try faults.validate()
        bus.setFaults(faults)
    }

    // MARK: Observation

    /// A stream of every ``RuntimeEvent`` from now on; it finishes at ``shutdown()``. Events
    /// are built only while someone listens, and the stream buffers without bound, so read it
    /// or drop it.
    public func events() -> AsyncStream<RuntimeEvent<Machine>> {
        bus.events()
    }

    /// Like ``events()``, each event with its time since the cluster started; times never
    /// decrease along the stream. ``RuntimeTrace`` turns them into a trace.
    public func timedEvents() -> AsyncStream<TimedRuntimeEvent<Machine>> {
        bus.timedEvents()
    }

    /// The current state of process `id`, if it is live (or crashed).
    public func process(_ id: ProcessID) async -> Role<Machine>? {
        await bus.actor(id)?.state(of: id)
    }

    public func replica(_ index: Int) async -> Replica<Machine>? {
        if case .replica(let replica)? = await process(.replica(index)) { return replica }
        return nil
    }

    public func leader(_ index: Int) async -> Leader<Machine>? {
        if case .leader(let leader)? = await process(.leader(index)) { return leader }
        return nil
    }

    public func acceptor(_ index: Int) async -> Acceptor<Machine>? {
        if case .acceptor(let acceptor)? = await process(.acceptor(index)) { return acceptor }
        return nil
    }

    /// Every replica, in index order.
    public func replicas() async -> [Replica<Machine>] {
        var replicas: [Replica<Machine>] = []
        for index in initialConfiguration.replicas.indices {
            if let replica = await replica(index) { replicas.append(replica) }
        }
        return replicas
    }

    /// Every replica, leader, acceptor and client started so far, in id order.
    public var hosts: [ProcessID] { bus.hosts }

    /// Messages sent, delivered and dropped, children spawned, timers fired and cancelled.
    public var statistics: RuntimeStatistics { bus.statistics }

    /// How many tasks the cluster is running: one per live process, and the timer loop.
    /// Zero after ``shutdown()``.
    public var runningTasks: Int { bus.runningTasks }

    // MARK: Shutdown

    /// Stops every process and timer, fails calls still waiting with
    /// ``RuntimeError/shutDown``, ends the event streams, and returns once every task has
    /// finished. Processes and clients cannot be started afterwards.
    public func shutdown() async {
        await bus.shutdown()
    }
}

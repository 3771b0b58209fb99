import PMMC

/// A scenario to test: a cluster, a workload dealt out to its clients, and a fault profile.
///
/// ```swift
/// let scenario = Scenario(seed: seed, profile: .crashes, operations: 40)
/// let simulation = try scenario.makeSimulation()
/// #expect(waitForConvergence(simulation, within: 200_000), "faults: \(scenario.faults)")
/// ```
///
/// The simulation runs on the profile's network, with the profile's faults scheduled at
/// times within ``faultTimes``; everything is drawn from ``seed``.
public struct Scenario<Machine: StateMachine> {
    /// The seed of the simulation and of the fault schedule.
    public var seed: UInt64
    /// The network and the faults.
    public var profile: FaultProfile
    /// The workload: operation `i` goes to client `i` modulo ``clients``.
    public var operations: [Machine.Operation]
    /// How many replicas.
    public var replicas: Int
    /// How many leaders.
    public var leaders: Int
    /// How many acceptors.
    public var acceptors: Int
    /// How many clients.
    public var clients: Int
    /// The protocol's settings.
    public var settings: Settings
    /// The span of virtual time the profile's faults happen in: from 0 on, at least 4 ticks.
    public var faultTimes: ClosedRange<Int>

    /// A scenario of `operations` on a cluster that tolerates one crash of each role by
    /// default. The faults happen between ticks 50 and 1,000, while a workload of a few dozen
    /// operations is under way.
    public init(
        seed: UInt64, profile: FaultProfile = .faultFree, operations: [Machine.Operation],
        replicas: Int = 2, leaders: Int = 2, acceptors: Int = 3, clients: Int = 3,
        settings: Settings = Settings(), faultTimes: ClosedRange<Int> = 50...1_000
    ) {
        self.seed = seed
        self.profile = profile
        self.operations = operations
        self.replicas = replicas
        self.leaders = leaders
        self.acceptors = acceptors
        self.clients = clients
        self.settings = settings
        self.faultTimes = faultTimes
    }

    /// The options of the simulation: the cluster, the settings and the profile's network.
    public var options: SimulationOptions {
        SimulationOptions(
            seed: seed, replicas: replicas, leaders: leaders, acceptors: acceptors, clients: clients,
            settings: settings, network: profile.network)
    }

    /// The faults the simulation gets, in order of time; none if the counts of replicas,
    /// leaders and acceptors are not a valid configuration (``makeSimulation()`` throws then).
    public var faults: [ScheduledFault] {
        guard let configuration = try? Configuration(replicas: replicas, leaders: leaders, acceptors: acceptors) else {
            return []
        }
        return profile.faults(for: configuration, seed: seed, during: faultTimes)
    }

    /// A new simulation of the scenario: the cluster built, the workload queued and the faults
    /// scheduled, at virtual time 0. Run it with ``waitForConvergence(_:within:)`` or
    /// ``Simulation/run(until:timeLimit:)``.
    ///
    /// - Throws: ``SimulationError`` if the options are invalid, or there are operations but
    ///   no clients.
    public func makeSimulation() throws(SimulationError) -> Simulation<Machine> {
        guard clients > 0 || operations.isEmpty else { throw .invalidOption("a workload needs at least one client") }
        let simulation = try Simulation<Machine>(options: options)
        for (index, operation) in operations.enumerated() {
            try simulation.submit(operation, client: index % clients)
        }
        for scheduled in faults {
            try simulation.schedule(scheduled.fault, at: scheduled.time)
        }
        return simulation
    }
}

extension Scenario where Machine == KeyValueStore {
    /// A scenario of `count` key-value operations on `keys` keys, from
    /// ``KeyValueWorkload/appends(count:keys:seed:firstValue:)``: mostly appends, whose
    /// effects ``expectExactlyOnceAppends(_:sourceLocation:)`` can check exactly.
    public init(
        seed: UInt64, profile: FaultProfile = .faultFree, operations count: Int, keys: Int = 3,
        replicas: Int = 2, leaders: Int = 2, acceptors: Int = 3, clients: Int = 3,
        settings: Settings = Settings(), faultTimes: ClosedRange<Int> = 50...1_000
    ) {
        self.init(
            seed: seed, profile: profile, operations: KeyValueWorkload.appends(count: count, keys: keys, seed: seed),
            replicas: replicas, leaders: leaders, acceptors: acceptors, clients: clients,
            settings: settings, faultTimes: faultTimes)
    }
}

import PMMC

/// Everything that determines a simulation run. Two runs with equal options and the same
/// sequence of API calls are identical, event for event.
public struct SimulationOptions: Hashable, Sendable {
    /// Seeds the simulator's only source of randomness (network delays, loss, duplication).
    public var seed: UInt64
    public var replicas: Int
    public var leaders: Int
    public var acceptors: Int
    public var clients: Int
    /// Protocol parameters: WINDOW, retransmission intervals, leader failure detection.
    public var settings: Settings
    public var network: NetworkModel
    /// Whether to check R1–R5, A1–A5 and C1 after every event.
    public var checkInvariants: Bool
    /// Whether ``Simulation/operations`` keeps every client operation. When false it keeps
    /// only those in flight (and those completed since it last dropped them), so that the
    /// simulator's memory does not grow with the length of the run; the counts stay exact.
    public var keepsHistory = true
    /// Whether ``Simulation/log`` records every scripted call (each submitted operation among
    /// them), so that ``Simulation/replay(_:)`` can rebuild the simulation. When false the log
    /// stays empty and memory does not grow with the number of operations submitted; `pmmc
    /// simulate`, which never replays, runs this way.
    public var keepsLog = true

    public init(
        seed: UInt64 = 1, replicas: Int = 2, leaders: Int = 2, acceptors: Int = 3, clients: Int = 2,
        settings: Settings = Settings(), network: NetworkModel = NetworkModel(), checkInvariants: Bool = true
    ) {
        self.seed = seed
        self.replicas = replicas
        self.leaders = leaders
        self.acceptors = acceptors
        self.clients = clients
        self.settings = settings
        self.network = network
        self.checkInvariants = checkInvariants
    }

    /// Checks counts, WINDOW, intervals and the network model.
    public func validate() throws(SimulationError) {
        for (name, count) in [("replicas", replicas), ("leaders", leaders), ("acceptors", acceptors)] where count < 1 {
            throw .invalidOption("\(name) must be at least 1, got \(count)")
        }
        guard clients >= 0 else { throw .invalidOption("clients must not be negative, got \(clients)") }
        do {
            try settings.validate()
        } catch {
            throw .invalidOption(error.description)
        }
        try network.validate()
    }
}

/// How a call to ``Simulation/run(until:timeLimit:)`` ended.
public enum RunOutcome: Hashable, Sendable {
    /// The stop condition became true.
    case conditionMet
    /// The next event lies beyond the time limit.
    case timeLimit
    /// Nothing is left to happen.
    case quiescent
    /// An invariant was violated; the simulation stops for good.
    case violation(InvariantViolation)
}

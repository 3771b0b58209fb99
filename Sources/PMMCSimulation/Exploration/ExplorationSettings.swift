import PMMC

/// What the ``Explorer`` searches: a small cluster, the operations its clients submit, which
/// network faults and timers it may choose, what it checks, and when it stops. Modelled on
/// DSLabs' `SearchSettings`: invariants, goals and prunes are named predicates over a state.
public struct ExplorationSettings<Machine: StateMachine & Hashable> {
    public var replicas: Int
    public var leaders: Int
    public var acceptors: Int
    /// The operations each client submits, one after another: `workload[i]` is client `i`'s.
    public var workload: [[Machine.Operation]]
    /// Protocol parameters. Timers fire only with ``timers`` set; their delays are ignored.
    public var settings: Settings
    /// Whether a message between two machines may be lost.
    public var drops: Bool
    /// Whether a message between two machines may be delivered and stay in flight, to be
    /// delivered again.
    public var duplicates: Bool
    /// Whether pending timers may fire (in any order, at any point: time is not modelled).
    /// Retransmissions make the space infinite, so bound the depth.
    public var timers: Bool
    /// Checked in every state besides the paper's invariants; the first that fails is reported.
    public var invariants: [StatePredicate<Machine>] = []
    /// The search stops at the first state where one holds, and reports it.
    public var goals: [StatePredicate<Machine>] = []
    /// States where one holds are checked but not expanded.
    public var prunes: [StatePredicate<Machine>] = []
    /// Whether a state where nothing is left to happen must have completed every operation.
    /// Only checked when messages cannot be lost without a timer to send them again.
    public var checkQuiescence = true
    /// The longest schedule explored, in steps; `nil` for no bound.
    public var maxDepth: Int?
    /// How many distinct states to visit at most; `nil` for no bound.
    public var maxStates: Int?
    /// How long to search at most, in seconds of wall-clock time; `nil` for no bound. The
    /// only bound that makes a search's result depend on the machine.
    public var timeLimit: Double?
    /// Processes replaced by custom ones (a mutant of the bug zoo, say) before the search:
    /// each made from the process it replaces.
    public private(set) var replacements: [(id: ProcessID, make: (Role<Machine>) -> any CustomRole<Machine>)] = []

    /// A cluster of `replicas`, `leaders` and `acceptors` whose clients submit `workload`, with
    /// no faults and no timers. Clients broadcast their requests by default
    /// (``Settings/broadcastRequests``), as in the paper: every replica then proposes every
    /// request, so the search covers the interleavings of competing proposals (with one
    /// replica per request, 1,000 random walks no longer find the bug zoo's stale-preempted
    /// leader).
    public init(
        replicas: Int = 2, leaders: Int = 1, acceptors: Int = 3, workload: [[Machine.Operation]],
        settings: Settings = Settings(), drops: Bool = false, duplicates: Bool = false, timers: Bool = false
    ) {
        self.replicas = replicas
        self.leaders = leaders
        self.acceptors = acceptors
        self.workload = workload
        self.settings = settings
        self.drops = drops
        self.duplicates = duplicates
        self.timers = timers
    }

    /// Replaces process `id` in the initial state with the custom process `make` builds from
    /// it (a decorator of the real role, say). `make` must keep the process's id.
    public mutating func replace(_ id: ProcessID, with make: @escaping (Role<Machine>) -> any CustomRole<Machine>) {
        replacements.removeAll { $0.id == id }
        replacements.append((id, make))
    }

    /// Checks the cluster, the workload and the bounds; the error names the first problem.
    public func validate() throws(SimulationError) {
        for (name, count) in [("replicas", replicas), ("leaders", leaders), ("acceptors", acceptors)] where count < 1 {
            throw .invalidOption("\(name) must be at least 1, got \(count)")
        }
        guard !workload.isEmpty else { throw .invalidOption("the workload needs at least one client") }
        for (name, bound) in [("depth", maxDepth), ("states", maxStates)] {
            if let bound, bound < 1 { throw .invalidOption("the \(name) bound must be at least 1, got \(bound)") }
        }
        if let timeLimit, !(timeLimit > 0) { throw .invalidOption("the time limit must be positive, got \(timeLimit)") }
        do {
            try settings.validate()
        } catch {
            throw .invalidOption(error.description)
        }
    }
}

/// A named condition on a state: an invariant, a goal or a prune.
public struct StatePredicate<Machine: StateMachine & Hashable> {
    /// How reports name it.
    public let name: String
    public let test: (ExplorationState<Machine>) -> Bool

    public init(_ name: String, _ test: @escaping (ExplorationState<Machine>) -> Bool) {
        self.name = name
        self.test = test
    }

    /// Every client has completed every operation of its workload.
    public static var allOperationsCompleted: StatePredicate {
        StatePredicate("all operations completed") { $0.allOperationsCompleted }
    }

    /// Some replica has decided `slot`.
    public static func decided(slot: Int) -> StatePredicate {
        StatePredicate("slot \(slot) decided") { state in
            state.processes.contains { if case .replica(let replica) = $0 { replica.decisions[slot] != nil } else { false } }
        }
    }
}

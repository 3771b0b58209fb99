/// Protocol parameters shared by every role. Times are in ticks of the host's clock (the
/// simulator's virtual time; milliseconds in a real-time host).
public struct Settings: Hashable, Sendable {
    /// WINDOW: how many slots a replica may propose beyond `slotOut`, and how many slots after
    /// its own slot a reconfiguration takes effect. The paper uses 5.
    public var window: Int
    /// How long a client waits for a response before sending its request again.
    public var requestRetransmit: Int
    /// How long a replica waits for its proposals to be decided before proposing them again.
    public var proposalRetransmit: Int
    /// How long a scout or commander waits for acceptors before sending p1a or p2a again.
    public var phaseRetransmit: Int
    /// Leader failure detection (paper §3): when set, a preempted leader pings the leader that
    /// preempted it instead of immediately starting a scout. When `nil`, the leader behaves
    /// as in paper figure 7 and scouts again at once, which can duel forever.
    public var failureDetection: FailureDetection?
    /// State reduction (paper §4.1): an acceptor keeps only the highest-ballot pvalue of each
    /// slot, and p1b carries only those. Off, it keeps every pvalue it ever accepted.
    public var stateReduction: Bool
    /// Garbage collection (paper §4.2): replicas report the slot they have executed up to,
    /// leaders and acceptors drop what lies below the slot every replica has executed, and a
    /// replica keeps only its last ``retainedDecisions`` applied decisions beside its state.
    public var garbageCollection: Bool
    /// Catch-up: replicas tell each other the slot they have executed up to, and one that
    /// finds itself behind asks another for the decisions it missed, or for a snapshot when
    /// they were already collected.
    public var catchUp: Bool
    /// With ``garbageCollection`` or ``catchUp``: ticks between a replica's `executed` reports.
    public var executedReportInterval: Int
    /// With ``garbageCollection``: how many applied decisions a replica keeps to send a
    /// replica that is behind; one further behind gets a snapshot.
    public var retainedDecisions: Int

    /// How a passive leader watches the active one.
    public struct FailureDetection: Hashable, Sendable {
        /// Ticks between pings.
        public var pingInterval: Int
        /// Consecutive unanswered pings after which the watched leader counts as failed.
        public var missedPings: Int

        public init(pingInterval: Int = 100, missedPings: Int = 3) {
            self.pingInterval = pingInterval
            self.missedPings = missedPings
        }
    }

    public init(
        window: Int = 5,
        requestRetransmit: Int = 200,
        proposalRetransmit: Int = 100,
        phaseRetransmit: Int = 50,
        failureDetection: FailureDetection? = FailureDetection(),
        stateReduction: Bool = true,
        garbageCollection: Bool = true,
        catchUp: Bool = true,
        executedReportInterval: Int = 100,
        retainedDecisions: Int = 1_000
    ) {
        self.window = window
        self.requestRetransmit = requestRetransmit
        self.proposalRetransmit = proposalRetransmit
        self.phaseRetransmit = phaseRetransmit
        self.failureDetection = failureDetection
        self.stateReduction = stateReduction
        self.garbageCollection = garbageCollection
        self.catchUp = catchUp
        self.executedReportInterval = executedReportInterval
        self.retainedDecisions = retainedDecisions
    }

    /// Checks that WINDOW and every interval are at least 1; the error names the first that
    /// is not.
    public func validate() throws(SettingsError) {
        let values = [
            ("window", window), ("request retransmit", requestRetransmit),
            ("proposal retransmit", proposalRetransmit), ("phase retransmit", phaseRetransmit),
            ("ping interval", failureDetection?.pingInterval ?? 1), ("missed pings", failureDetection?.missedPings ?? 1),
            ("executed report interval", executedReportInterval), ("retained decisions", retainedDecisions),
        ]
        for (name, value) in values where value < 1 {
            throw SettingsError(setting: name, value: value)
        }
    }

    /// The settings of the paper's figures: no failure detection (naive leaders, figure 7), no
    /// state reduction, no garbage collection, no catch-up.
    public static func paper(window: Int = 5) -> Settings {
        Settings(window: window, failureDetection: nil, stateReduction: false, garbageCollection: false, catchUp: false)
    }

    /// Whether replicas send `executed` reports: for ``garbageCollection`` or ``catchUp``.
    public var reportsExecuted: Bool { garbageCollection || catchUp }
}

/// A protocol parameter out of range.
public struct SettingsError: Error, Equatable, CustomStringConvertible {
    /// The parameter's name, e.g. `window`.
    public let setting: String
    public let value: Int

    public var description: String { "\(setting) must be at least 1, got \(value)" }
}

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
    /// Leader back-off (paper §3): when set, a preempted leader waits a time that grows
    /// multiplicatively with each preemption and shrinks additively with each adopted ballot
    /// (AIMD) before it competes again; with ``failureDetection`` the wait is how long the
    /// watched leader may stay silent. When `nil`, a preempted leader scouts again at once
    /// (or, with failure detection, after ``FailureDetection/missedPings`` missed pings).
    public var backoff: Backoff?
    /// Adaptive retransmission: when set, every retransmission interval (client requests,
    /// replica proposals, p1a and p2a, pings) adapts to the round trips observed, as TCP's
    /// retransmission timer does (RFC 6298), starting from the fixed interval and never above
    /// it. When `nil`, the intervals are fixed.
    public var adaptiveRetransmission: AdaptiveRetransmission?
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
    /// Batching: when set, a replica gathers client requests and proposes up to
    /// ``Batching/maximumSize`` of them as one command in one slot (``Command/Body/batch(_:)``),
    /// once the batch is full or ``Batching/maximumDelay`` ticks after it started to gather.
    /// When `nil`, every request is proposed in a slot of its own, as in paper figure 1.
    public var batching: Batching?
    /// Whether a client sends each new request to every replica, as in paper figure 1's
    /// client, and every replica answers every command it performs (the default). When
    /// `false`, a client sends a new request to one replica only, the one that answered its
    /// previous request first (at first the replica whose index is the client's index modulo
    /// the number of replicas), and to every replica only when it sends the request again; a
    /// replica answers only the requests it received. That halves the requests and responses,
    /// at the price of one retransmission interval for every request or response lost, or
    /// sent to a crashed replica, and of replicas competing for slots with different commands
    /// (Docs/Pragmatics.md, "One replica per request").
    public var broadcastRequests: Bool

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

    /// A leader's AIMD back-off (paper §3), in ticks; see ``LeaderBackoff``.
    public struct Backoff: Hashable, Sendable {
        /// The first and shortest wait.
        public var minimum: Int
        /// The longest wait.
        public var maximum: Int
        /// Each preemption multiplies the wait by this.
        public var factor: Int
        /// Each adopted ballot shortens the wait by this.
        public var decrease: Int

        public init(minimum: Int = 300, maximum: Int = 5_000, factor: Int = 2, decrease: Int = 100) {
            self.minimum = minimum
            self.maximum = maximum
            self.factor = factor
            self.decrease = decrease
        }
    }

    /// Adaptive retransmission timeouts (see ``RetransmitTimer``): each adapts between
    /// ``minimum`` and its fixed interval (``requestRetransmit``, ``proposalRetransmit``,
    /// ``phaseRetransmit``, ``FailureDetection/pingInterval``), which is also where it starts.
    public struct AdaptiveRetransmission: Hashable, Sendable {
        /// The shortest timeout, in ticks.
        public var minimum: Int

        public init(minimum: Int = 2) {
            self.minimum = minimum
        }
    }

    /// How a replica gathers requests into one slot's command (see ``BatchAssembly``), as
    /// etcd's raft and OmniPaxos buffer proposals: a batch goes out when it holds
    /// ``maximumSize`` requests, or ``maximumDelay`` ticks after its first request found room
    /// in the window, whichever comes first.
    public struct Batching: Hashable, Sendable {
        /// The most requests one slot carries; 1 proposes every request alone.
        public var maximumSize: Int
        /// The longest a request waits for others to join its batch, in ticks. With 0 a batch
        /// holds what waits when a slot opens in the window: nothing waits for the sake of
        /// batching, and requests still gather while the window is full.
        public var maximumDelay: Int

        public init(maximumSize: Int = 64, maximumDelay: Int = 0) {
            self.maximumSize = maximumSize
            self.maximumDelay = maximumDelay
        }
    }

    public init(
        window: Int = 5,
        requestRetransmit: Int = 200,
        proposalRetransmit: Int = 100,
        phaseRetransmit: Int = 50,
        failureDetection: FailureDetection? = FailureDetection(),
        backoff: Backoff? = Backoff(),
        adaptiveRetransmission: AdaptiveRetransmission? = AdaptiveRetransmission(),
        stateReduction: Bool = true,
        garbageCollection: Bool = true,
        catchUp: Bool = true,
        executedReportInterval: Int = 100,
        retainedDecisions: Int = 1_000,
        batching: Batching? = Batching(),
        broadcastRequests: Bool = true
    ) {
        self.window = window
        self.requestRetransmit = requestRetransmit
        self.proposalRetransmit = proposalRetransmit
        self.phaseRetransmit = phaseRetransmit
        self.failureDetection = failureDetection
        self.backoff = backoff
        self.adaptiveRetransmission = adaptiveRetransmission
        self.stateReduction = stateReduction
        self.garbageCollection = garbageCollection
        self.catchUp = catchUp
        self.executedReportInterval = executedReportInterval
        self.retainedDecisions = retainedDecisions
        self.batching = batching
        self.broadcastRequests = broadcastRequests
    }

    /// Checks that WINDOW, every interval and the batch size are at least 1, that the batch
    /// delay is not negative, that each maximum is at least its minimum and that the back-off
    /// factor is at least 2; the error names the first
    /// setting that is out of range.
    public func validate() throws(SettingsError) {
        let values = [
            ("window", window, 1), ("request retransmit", requestRetransmit, 1),
            ("proposal retransmit", proposalRetransmit, 1), ("phase retransmit", phaseRetransmit, 1),
            ("ping interval", failureDetection?.pingInterval ?? 1, 1), ("missed pings", failureDetection?.missedPings ?? 1, 1),
            ("backoff minimum", backoff?.minimum ?? 1, 1),
            ("backoff maximum", backoff?.maximum ?? 1, backoff?.minimum ?? 1),
            ("backoff factor", backoff?.factor ?? 2, 2), ("backoff decrease", backoff?.decrease ?? 1, 1),
            ("retransmit minimum", adaptiveRetransmission?.minimum ?? 1, 1),
            ("executed report interval", executedReportInterval, 1), ("retained decisions", retainedDecisions, 1),
            ("batch size", batching?.maximumSize ?? 1, 1), ("batch delay", batching?.maximumDelay ?? 0, 0),
        ]
        for (name, value, minimum) in values where value < minimum {
            throw SettingsError(setting: name, value: value, minimum: minimum)
        }
    }

    /// The settings of the paper's figures: naive leaders of figure 7 (no failure detection,
    /// no back-off), fixed retransmission intervals, no state reduction, garbage
    /// collection, catch-up or batching, and clients that broadcast every request.
    public static func paper(window: Int = 5) -> Settings {
        Settings(
            window: window, failureDetection: nil, backoff: nil, adaptiveRetransmission: nil,
            stateReduction: false, garbageCollection: false, catchUp: false, batching: nil, broadcastRequests: true)
    }

    /// Whether replicas send `executed` reports: for ``garbageCollection`` or ``catchUp``.
    public var reportsExecuted: Bool { garbageCollection || catchUp }
}

/// A protocol parameter out of range.
public struct SettingsError: Error, Equatable, CustomStringConvertible {
    /// The parameter's name, e.g. `window`.
    public let setting: String
    public let value: Int
    /// The smallest value the parameter takes.
    public let minimum: Int

    public init(setting: String, value: Int, minimum: Int = 1) {
        self.setting = setting
        self.value = value
        self.minimum = minimum
    }

    public var description: String { "\(setting) must be at least \(minimum), got \(value)" }
}

import PMMC

/// Everything needed to start a ``Cluster``: how many processes of each role, the protocol
/// ``Settings``, how long one tick of those settings lasts, and the faults the bus injects.
public struct ClusterOptions: Hashable, Sendable {
    public var replicas: Int
    public var leaders: Int
    public var acceptors: Int
    /// Protocol parameters: WINDOW, retransmission intervals, leader failure detection, all
    /// in ticks.
    public var settings: Settings
    /// The real duration of one tick of ``settings`` (one millisecond by default).
    public var tick: Duration
    /// Loss and extra delay on the bus; none by default.
    public var faults: NetworkFaults

    public init(
        replicas: Int = 2, leaders: Int = 2, acceptors: Int = 3, settings: Settings = Settings(),
        tick: Duration = .milliseconds(1), faults: NetworkFaults = NetworkFaults()
    ) {
        self.replicas = replicas
        self.leaders = leaders
        self.acceptors = acceptors
        self.settings = settings
        self.tick = tick
        self.faults = faults
    }

    /// Checks counts, WINDOW, intervals, the tick and the faults.
    public func validate() throws(RuntimeError) {
        for (name, count) in [("replicas", replicas), ("leaders", leaders), ("acceptors", acceptors)] where count < 1 {
            throw .invalidOption("\(name) must be at least 1, got \(count)")
        }
        do {
            try settings.validate()
        } catch {
            throw .invalidOption(error.description)
        }
        guard tick > .zero else { throw .invalidOption("the tick must be longer than zero, got \(tick)") }
        try faults.validate()
    }
}

/// Faults the message bus injects between processes on different hosts. A leader and its
/// scouts and commanders share a host: their messages are never lost or delayed.
public struct NetworkFaults: Hashable, Sendable {
    /// Probability that a message is lost.
    public var lossRate: Double
    /// Extra delay in ticks, drawn uniformly per message. Any delay above zero lets messages
    /// overtake each other, so per-pair order is kept only when this is `0...0`.
    public var extraDelay: ClosedRange<Int>
    /// Seeds the bus's choices of loss and delay. Thread scheduling still varies from run to
    /// run, so a seed does not make a run repeatable as it does in the simulator.
    public var seed: UInt64

    public init(lossRate: Double = 0, extraDelay: ClosedRange<Int> = 0...0, seed: UInt64 = 1) {
        self.lossRate = lossRate
        self.extraDelay = extraDelay
        self.seed = seed
    }

    /// Whether the bus has anything to do for a message besides delivering it.
    var isNone: Bool { lossRate == 0 && extraDelay.upperBound == 0 }

    /// Checks that the loss rate is a probability below 1 and delays are not negative.
    public func validate() throws(RuntimeError) {
        guard (0..<1).contains(lossRate) else { throw .invalidOption("loss rate must be in [0, 1), got \(lossRate)") }
        guard extraDelay.lowerBound >= 0 else { throw .invalidOption("extra delay must not be negative") }
    }
}

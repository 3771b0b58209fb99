import PMMC

/// How the simulated network treats messages between different hosts. A leader and its
/// scouts and commanders share a host: messages among them arrive at once, never lost.
public struct NetworkModel: Hashable, Sendable {
    /// One-way delay in ticks, drawn uniformly per message; a range lets messages overtake.
    public var latency: ClosedRange<Int>
    /// Probability that a message is lost.
    public var lossRate: Double
    /// Probability that a message is delivered twice (each copy with its own delay).
    public var duplicationRate: Double

    public init(latency: ClosedRange<Int> = 1...10, lossRate: Double = 0, duplicationRate: Double = 0) {
        self.latency = latency
        self.lossRate = lossRate
        self.duplicationRate = duplicationRate
    }

    /// Checks that delays are non-negative and rates are probabilities below 1.
    public func validate() throws(SimulationError) {
        guard latency.lowerBound >= 0 else { throw .invalidOption("latency must not be negative") }
        guard (0..<1).contains(lossRate) else { throw .invalidOption("loss rate must be in [0, 1), got \(lossRate)") }
        guard (0..<1).contains(duplicationRate) else {
            throw .invalidOption("duplication rate must be in [0, 1), got \(duplicationRate)")
        }
    }
}

/// A fault to inject at a chosen virtual time.
public enum Fault: Hashable, Sendable, CustomStringConvertible {
    /// The process (with its scouts and commanders, for a leader) stops: it receives and
    /// sends nothing from now on.
    case crash(ProcessID)
    /// A crashed replica, leader, acceptor or client comes back with the role state it had
    /// when it crashed (the paper's stable storage; a leader starts over with a higher
    /// ballot). Messages sent to it while it was down, its timers, and a leader's scouts and
    /// commanders are lost. Only a process crashed at that time can restart.
    case restart(ProcessID)
    /// Splits the network: each group reaches only its own members; processes in no group
    /// form one more group together. Replaces any earlier partition.
    case partition([[ProcessID]])
    /// Removes the partition.
    case heal
    /// Changes latency, loss and duplication from now on.
    case network(NetworkModel)
    /// The process (with its scouts and commanders) still sends but receives nothing: every
    /// message to it is lost, as in 6.824's TestDeaf, until ``hear(_:)``.
    case deafen(ProcessID)
    /// A deafened process receives again.
    case hear(ProcessID)

    public var description: String {
        switch self {
        case .crash(let process): return "crash \(process)"
        case .restart(let process): return "restart \(process)"
        case .partition(let groups):
            return "partition " + groups.map { "{" + $0.map(\.description).joined(separator: ",") + "}" }
                .joined(separator: " ")
        case .heal: return "heal"
        case .deafen(let process): return "deafen \(process)"
        case .hear(let process): return "hear \(process)"
        case .network(let model):
            return "network latency \(model.latency.lowerBound)-\(model.latency.upperBound) loss \(model.lossRate) duplication \(model.duplicationRate)"
        }
    }
}

/// Why a simulation could not be set up or driven as asked.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
    case invalidOption(String)
    case configuration(ConfigurationError)
    case unknownProcess(ProcessID)
    /// A restart of a process that is not crashed at `time` (or is no replica, leader,
    /// acceptor or client).
    case notCrashed(ProcessID, time: Int)
    /// A scripted schedule named an event that is not pending (handled already, or never
    /// queued), or asked to drop an event that is not a message.
    case noSuchEvent(String)

    public var description: String {
        switch self {
        case .noSuchEvent(let what): "no pending \(what)"
        case .invalidOption(let reason): reason
        case .configuration(let error): error.description
        case .unknownProcess(let process): "no process \(process) in this simulation"
        case .notCrashed(let process, let time): "\(process) is not crashed at t=\(time); only a crashed process can restart"
        }
    }
}

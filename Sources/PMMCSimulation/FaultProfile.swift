import PMMC
import PMMCHost

/// A fault to inject, and the virtual time to inject it at.
public struct ScheduledFault: Hashable, CustomStringConvertible {
    /// The virtual time.
    public var time: Int
    /// What happens then.
    public var fault: Fault

    /// `fault` at virtual time `time`.
    public init(_ fault: Fault, at time: Int) {
        self.fault = fault
        self.time = time
    }

    /// `crash l0 at t=300`.
    public var description: String { "\(fault) at t=\(time)" }
}

/// A kind of trouble for a scenario: a network, and faults drawn from a seed.
///
/// Each profile gives a ``NetworkModel`` (``network``) and, for a configuration, a seed and a
/// span of virtual time, a fault schedule (``faults(for:seed:during:)``). The same arguments
/// give the same schedule on every machine. A schedule stays within what the configuration
/// survives: it never crashes any client, every partition heals within the span, and it never
/// crashes a majority of the acceptors, every leader or every replica for good (only
/// ``crashRestart`` takes them all down for a while, and restarts each). Sweep profiles and seeds together:
///
/// ```swift
/// @Test(arguments: FaultProfile.allCases, 1...5)
/// func survives(profile: FaultProfile, seed: UInt64) throws { … }
/// ```
public enum FaultProfile: CaseIterable, Sendable {
    /// Latency 1–10 ticks, nothing lost, no faults.
    case faultFree
    /// 10% of messages lost and 5% duplicated, latency 1–10 ticks.
    case lossy
    /// Latency spread over 1–50 ticks, so messages often overtake each other.
    case reorder
    /// Two partitions one after the other: each cuts a random group of replicas, leaders and
    /// acceptors off from the rest, and heals.
    case partitions
    /// As many crashes as the configuration survives: all acceptors but a majority, all
    /// leaders but one and all replicas but one, each at a random time.
    case crashes
    /// The partitions and the crashes together, on a network that loses 10%, duplicates 5%
    /// and has latency 1–30 ticks.
    case chaos
    /// Every replica, leader and acceptor crashes once and restarts (``Fault/restart(_:)``)
    /// with the state it had: each crashes at a random time in the first half of the span and
    /// restarts at a random time after that, within the span. Downtimes overlap freely, so
    /// for a while a majority of the acceptors, every leader or every replica may be down;
    /// nothing is chosen then, and the run must complete once enough are back. Latency 1–10
    /// ticks, nothing lost.
    case crashRestart

    /// The network the profile's runs start with. Profiles change it no further.
    public var network: NetworkModel {
        switch self {
        case .faultFree, .partitions, .crashes, .crashRestart: NetworkModel(latency: 1...10)
        case .lossy: NetworkModel(latency: 1...10, lossRate: 0.1, duplicationRate: 0.05)
        case .reorder: NetworkModel(latency: 1...50)
        case .chaos: NetworkModel(latency: 1...30, lossRate: 0.1, duplicationRate: 0.05)
        }
    }

    /// The profile's faults for `configuration`, drawn from `seed`, in order of time, all at
    /// times within `times`.
    ///
    /// - Precondition: `times` starts at 0 or later and spans at least 4 ticks.
    public func faults(for configuration: Configuration, seed: UInt64, during times: ClosedRange<Int>) -> [ScheduledFault] {
        precondition(times.lowerBound >= 0 && times.count >= 4, "faults need a span of at least 4 ticks from time 0 on")
        var random = SeededRandom(seed: seed ^ 0xFA17_5EED_C0DE)
        var faults: [ScheduledFault] = []
        if self == .partitions || self == .chaos {
            faults += Self.partitions(of: configuration, during: times, using: &random)
        }
        if self == .crashes || self == .chaos {
            faults += Self.crashes(of: configuration, during: times, using: &random)
        }
        if self == .crashRestart {
            faults += Self.crashesAndRestarts(of: configuration, during: times, using: &random)
        }
        return faults.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }

    /// Two partitions, one in each half of `times`: each starts in the first half of its half
    /// and heals before the half ends. Each cuts off a random group of one to all but one of
    /// the replicas, leaders and acceptors.
    private static func partitions(
        of configuration: Configuration, during times: ClosedRange<Int>, using random: inout SeededRandom
    ) -> [ScheduledFault] {
        let servers = configuration.replicas + configuration.leaders + configuration.acceptors
        let middle = times.lowerBound + times.count / 2
        return [times.lowerBound...middle - 1, middle...times.upperBound].flatMap { half in
            let start = random.uniform(in: half.lowerBound...half.lowerBound + (half.count - 2) / 2)
            let heal = random.uniform(in: start + 1...half.upperBound)
            let group = Set(shuffled(servers, using: &random).prefix(random.uniform(in: 1...servers.count - 1)))
            return [ScheduledFault(.partition([servers.filter(group.contains)]), at: start), ScheduledFault(.heal, at: heal)]
        }
    }

    /// All acceptors but a majority, all leaders but one and all replicas but one, picked at
    /// random, each crashed at a random time within `times`.
    private static func crashes(
        of configuration: Configuration, during times: ClosedRange<Int>, using random: inout SeededRandom
    ) -> [ScheduledFault] {
        let victims = shuffled(configuration.acceptors, using: &random).prefix(configuration.acceptors.count - configuration.majority)
            + shuffled(configuration.leaders, using: &random).prefix(configuration.leaders.count - 1)
            + shuffled(configuration.replicas, using: &random).prefix(configuration.replicas.count - 1)
        return victims.map { ScheduledFault(.crash($0), at: random.uniform(in: times)) }
    }

    /// Every replica, leader and acceptor crashed at a random time in the first half of
    /// `times` and restarted at a random later time within `times`.
    private static func crashesAndRestarts(
        of configuration: Configuration, during times: ClosedRange<Int>, using random: inout SeededRandom
    ) -> [ScheduledFault] {
        let middle = times.lowerBound + times.count / 2
        return (configuration.replicas + configuration.leaders + configuration.acceptors).flatMap { process in
            let crash = random.uniform(in: times.lowerBound...middle - 1)
            return [ScheduledFault(.crash(process), at: crash), ScheduledFault(.restart(process), at: random.uniform(in: crash + 1...times.upperBound))]
        }
    }

    /// `elements` in an order drawn from `random` (Fisher–Yates).
    private static func shuffled(_ elements: [ProcessID], using random: inout SeededRandom) -> [ProcessID] {
        var result = elements
        for index in result.indices.dropLast() {
            result.swapAt(index, random.uniform(in: index...result.count - 1))
        }
        return result
    }
}

import PMMC
import PMMCSimulation
import PMMCTesting
import Testing

/// Fault profiles: one seed, one schedule; never more than the configuration survives.
@Suite("Fault profiles")
struct FaultProfileTests {
    /// Configurations from one process of each role up to 3 replicas, 3 leaders and 7 acceptors.
    static let configurations: [Configuration] = (1...3).flatMap { replicas in
        (1...3).flatMap { leaders in
            (1...7).map { acceptors in try! Configuration(replicas: replicas, leaders: leaders, acceptors: acceptors) }
        }
    }

    static let times = 50...1_000

    @Test("the same seed gives the same schedule; different seeds give different ones", arguments: FaultProfile.allCases)
    func deterministic(profile: FaultProfile) throws {
        let configuration = try Configuration(replicas: 2, leaders: 2, acceptors: 3)
        let schedules = (UInt64(1)...20).map { profile.faults(for: configuration, seed: $0, during: Self.times) }
        let again = (UInt64(1)...20).map { profile.faults(for: configuration, seed: $0, during: Self.times) }
        #expect(schedules == again)
        switch profile {
        case .faultFree, .lossy, .reorder:
            #expect(schedules.allSatisfy { $0.isEmpty })
        case .partitions, .crashes, .chaos, .crashRestart:
            #expect(Set(schedules).count > 10, "\(Set(schedules).count) distinct schedules of 20")
        }
    }

    @Test("a schedule stays within the span, heals every partition and crashes no more than the configuration survives",
          arguments: FaultProfile.allCases)
    func withinBudget(profile: FaultProfile) {
        for configuration in Self.configurations {
            for seed in UInt64(1)...30 {
                let faults = profile.faults(for: configuration, seed: seed, during: Self.times)
                let context = "\(profile) seed \(seed), \(configuration): \(faults)"
                #expect(faults.allSatisfy { Self.times.contains($0.time) }, "\(context)")
                #expect(faults.map(\.time) == faults.map(\.time).sorted(), "\(context)")

                let crashed = faults.compactMap { if case .crash(let process) = $0.fault { process } else { nil } }
                #expect(Set(crashed).count == crashed.count, "\(context)")
                if profile == .crashRestart {
                    let servers = configuration.replicas + configuration.leaders + configuration.acceptors
                    #expect(Set(crashed) == Set(servers), "every server crashes: \(context)")
                    for process in servers {
                        let times = faults.filter { $0.fault == .crash(process) || $0.fault == .restart(process) }
                        #expect(times.map(\.fault) == [.crash(process), .restart(process)] && times[0].time < times[1].time,
                                "\(process) crashes, then restarts: \(context)")
                    }
                    continue
                }
                let survivors = (
                    acceptors: configuration.acceptors.count { !crashed.contains($0) },
                    leaders: configuration.leaders.count { !crashed.contains($0) },
                    replicas: configuration.replicas.count { !crashed.contains($0) })
                #expect(survivors.acceptors >= configuration.majority, "\(context)")
                #expect(survivors.leaders >= 1 && survivors.replicas >= 1, "\(context)")
                #expect(crashed.allSatisfy { configuration.acceptors.contains($0) || configuration.leaders.contains($0) || configuration.replicas.contains($0) },
                        "only servers crash: \(context)")
                if profile == .crashes || profile == .chaos {
                    #expect(survivors == (configuration.majority, 1, 1), "as many crashes as survivable: \(context)")
                }

                let partitions = faults.filter { if case .crash = $0.fault { false } else { true } }
                let servers = Set(configuration.replicas + configuration.leaders + configuration.acceptors)
                for (index, scheduled) in partitions.enumerated() {
                    switch scheduled.fault {
                    case .partition(let groups) where index % 2 == 0:
                        let group = Set(groups.joined())
                        #expect(groups.count == 1 && !group.isEmpty && group.isStrictSubset(of: servers), "\(context)")
                    case .heal where index % 2 == 1:
                        #expect(partitions[index - 1].time < scheduled.time, "\(context)")
                    default:
                        Issue.record("partitions and heals do not alternate: \(context)")
                    }
                }
                let partitioned = profile == .partitions || profile == .chaos
                #expect(partitions.count == (partitioned ? 4 : 0), "\(context)")
            }
        }
    }

    @Test("every profile's network is valid; lossy and chaos lose messages, reorder and chaos spread latency",
          arguments: FaultProfile.allCases)
    func networks(profile: FaultProfile) throws {
        try profile.network.validate()
        #expect((profile.network.lossRate > 0) == [.lossy, .chaos].contains(profile))
        #expect((profile.network.latency.count > 10) == [.reorder, .chaos].contains(profile))
    }
}

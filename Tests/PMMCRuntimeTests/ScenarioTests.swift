import PMMC
import PMMCRuntime
import Testing

/// The simulator's failure stories, told again against real actors on a real clock. Each
/// waits on client calls or on the event stream, never on a fixed sleep; the time limit of
/// ``withCluster(_:limit:_:)`` only stops a test that would hang.
@Suite("runtime scenarios")
struct ScenarioTests {
    @Test("no faults: every call returns and the replicas agree")
    func noFaults() async throws {
        try await withCluster { cluster in
            let clients = try (0..<4).map { _ in try cluster.makeClient() }
            try await Workload.run(clients, 0..<25)
            try await checkProperties(cluster, clients)
        }
    }

    @Test("10% loss and extra delay: retransmission gets every call through")
    func lossWithRetransmission() async throws {
        try await withCluster(ClusterOptions(faults: NetworkFaults(lossRate: 0.1, extraDelay: 0...3, seed: 5))) { cluster in
            let clients = try (0..<3).map { _ in try cluster.makeClient() }
            try await Workload.run(clients, 0..<15)
            try await checkProperties(cluster, clients)
            #expect(cluster.statistics.dropped > 0)
        }
    }

    @Test("the other leader takes over when the active one crashes")
    func activeLeaderCrash() async throws {
        try await withCluster { cluster in
            let clients = try (0..<3).map { _ in try cluster.makeClient() }
            try await Workload.run(clients, 0..<10)
            let active = try #require(await activeLeader(cluster, among: 0..<2))
            try cluster.crash(.leader(active))
            try await Workload.run(clients, 10..<20)
            #expect(await cluster.leader(1 - active)?.active == true)
            try await checkProperties(cluster, clients)
        }
    }

    @Test("one of three acceptors crashes and the cluster goes on")
    func acceptorCrash() async throws {
        try await withCluster { cluster in
            let clients = try (0..<3).map { _ in try cluster.makeClient() }
            try await Workload.run(clients, 0..<10)
            try cluster.crash(.acceptor(0))
            try await Workload.run(clients, 10..<20)
            try await checkProperties(cluster, clients)
        }
    }

    @Test("a minority partition with the active leader, then healing")
    func minorityPartition() async throws {
        try await withCluster { cluster in
            let clients = try (0..<3).map { _ in try cluster.makeClient() }
            try await Workload.run(clients, 0..<10)
            let active = try #require(await activeLeader(cluster, among: 0..<2))
            try cluster.partition([[.leader(active), .acceptor(0)]])
            try await Workload.run(clients, 10..<20)
            #expect(await cluster.leader(1 - active)?.active == true)
            cluster.heal()
            try await Workload.run(clients, 20..<30)
            try await checkProperties(cluster, clients)
            #expect(cluster.statistics.dropped > 0)
        }
    }

    @Test("reconfiguration to new leaders and acceptors, with no-op fill, survives the old ones crashing")
    func reconfiguration() async throws {
        try await withCluster { cluster in
            let clients = try (0..<2).map { _ in try cluster.makeClient() }
            let window = cluster.options.settings.window
            try await Workload.run(clients, 0..<10)
            let events = cluster.events()
            let configuration = try await cluster.reconfigure(leaders: 2, acceptors: 3, using: clients[0])
            #expect(configuration.leaders == [.leader(2), .leader(3)])
            #expect(configuration.acceptors == [.acceptor(3), .acceptor(4), .acceptor(5)])
            // The old configuration decides up to the slot where the new one takes effect
            // (filled with no-ops while clients are idle); wait until both replicas are past it.
            var reconfigurationSlot: Int?
            var passed: Set<ProcessID> = []
            try await waitFor(events) { event in
                guard case .applied(let replica, let slot, let command) = event else { return false }
                if case .reconfigure = command.body { reconfigurationSlot = slot }
                if let first = reconfigurationSlot, slot >= first + window - 1 { passed.insert(replica) }
                return passed.count == 2
            }
            for old in [ProcessID.leader(0), .leader(1), .acceptor(0), .acceptor(1), .acceptor(2)] {
                try cluster.crash(old)
            }
            try await Workload.run(clients, 10..<20)
            #expect(await activeLeader(cluster, among: 2..<4) != nil)
            try await checkProperties(cluster, clients)
            let log = try #require(await cluster.replica(0)).log
            #expect(log.contains { $0.body == .noop })
        }
    }
}

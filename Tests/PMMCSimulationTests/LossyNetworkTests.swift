import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Scenario 3: a network that loses 10% of messages and duplicates 5%. Clients, replicas,
/// scouts and commanders retransmit; replicas and acceptors must turn the duplicates into
/// exactly-once execution.
@Suite("Lossy network")
struct LossyNetworkTests {
    static let network = NetworkModel(latency: 1...10, lossRate: 0.1, duplicationRate: 0.05)

    @Test("every command completes, and every append takes effect exactly once", arguments: Seeds.sweep)
    func exactlyOnceDespiteLossAndDuplication(seed: UInt64) throws {
        let workload = KeyValueWorkload.appends(count: 30, keys: 3, seed: seed)
        let simulation = try makeSimulation(seed: seed, clients: 3, network: Self.network)
        try submitRoundRobin(workload, to: simulation)
        let outcome = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 500_000)

        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.operations.allSatisfy { $0.isComplete })
        #expect(simulation.statistics.dropped > 0, "10% loss drops messages")
        #expect(simulation.statistics.duplicated > 0, "5% duplication duplicates messages")
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)

        // Reads issued after every append returned must see each append exactly once.
        let values = try #require(try readBack(["k0", "k1", "k2"], from: simulation, client: 1))
        expectExactlyOnceAppends(simulation.operations, finalValues: values)
        let appended = workload.count { if case .append = $0 { true } else { false } }
        #expect(values.values.map { KeyValueWorkload.writtenValues(in: $0).count }.reduce(0, +) == appended, "\(values)")
        #expect(simulation.violation == nil)
    }
}

import Testing
import PMMC
import PMMCSimulation

/// Without `keepsHistory` the simulator keeps only the client operations in flight, so a long
/// run's memory does not grow with it, and its counts stay exact.
@Suite("Operation history")
struct HistoryTests {
    static func run(keepsHistory: Bool) throws -> KVSimulation {
        var options = SimulationOptions(seed: 2, clients: 3, network: NetworkModel(latency: 1...3), checkInvariants: false)
        options.keepsHistory = keepsHistory
        let simulation = try KVSimulation(options: options)
        try submitRoundRobin(KeyValueWorkload.sized(count: 3_000, keys: 4, valueSize: 8, seed: 2), to: simulation)
        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: 10_000_000) == .conditionMet)
        return simulation
    }

    @Test("without history the completed operations are dropped, the count stays exact, and the run is the same")
    func dropsCompletedOperations() throws {
        let kept = try Self.run(keepsHistory: true)
        let dropped = try Self.run(keepsHistory: false)
        #expect(kept.operations.count == 3_000 && kept.completedOperationCount == 3_000)
        #expect(dropped.completedOperationCount == 3_000)
        #expect(dropped.operations.count < 2 * 1_024)
        let describe = { (operation: KVClientOperation) in
            "\(operation.client)#\(operation.requestID) \(operation.call)-\(operation.return ?? -1) \(operation.output ?? "-")"
        }
        // Each operation still kept is the same as in the full history.
        let full = Dictionary(uniqueKeysWithValues: kept.operations.map { ("\($0.client)#\($0.requestID)", describe($0)) })
        #expect(dropped.operations.allSatisfy { full["\($0.client)#\($0.requestID)"] == describe($0) })
        #expect(dropped.operations.last.map(describe) == kept.operations.last.map(describe))
        #expect(dropped.now == kept.now && dropped.statistics.events == kept.statistics.events)
    }
}

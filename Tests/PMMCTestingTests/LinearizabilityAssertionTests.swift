import PMMC
@testable import PMMCSimulation
import PMMCTesting
import Testing

/// `expectLinearizable` passes on real runs and records the checker's line on a history that
/// was made wrong.
@Suite struct LinearizabilityAssertionTests {
    static func completedRun(seed: UInt64) throws -> Simulation<KeyValueStore> {
        let simulation = try Scenario(seed: seed, profile: .lossy, operations: 30).makeSimulation()
        #expect(simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 200_000) == .conditionMet)
        return simulation
    }

    @Test("real runs are linearizable", arguments: 1...5)
    func realRunsPass(seed: UInt64) throws {
        let simulation = try Self.completedRun(seed: seed)
        expectLinearizable(simulation)
    }

    @Test("a get that read a value nobody wrote is reported with the checker's line")
    func wrongReadFails() throws {
        let simulation = try Self.completedRun(seed: 1)
        var operations = simulation.operations
        let index = try #require(operations.lastIndex { if case .operation(.get) = $0.body { $0.isComplete } else { false } })
        operations[index].output = "never written"
        let messages = issues { expectLinearizable(operations) }
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("NOT linearizable: key ") == true, "\(messages)")
    }
}

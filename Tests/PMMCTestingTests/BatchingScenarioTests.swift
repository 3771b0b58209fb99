import PMMC
import PMMCSimulation
import PMMCTesting
import Testing

/// A scenario with batching on: the chaos profile (loss, duplication, partitions, crashes)
/// against replicas that batch up to 4 requests and wait up to 10 ticks.
@Suite("Batching scenarios")
struct BatchingScenarioTests {
    @Test("chaos with batching: logs agree, answers match the log, appends take effect once, the history is linearizable", arguments: 1...8 as ClosedRange<UInt64>)
    func chaos(seed: UInt64) throws {
        let scenario = Scenario(
            seed: seed, profile: .chaos, operations: 40, clients: 6,
            settings: Settings(batching: Settings.Batching(maximumSize: 4, maximumDelay: 10)))
        let simulation = try scenario.makeSimulation()
        #expect(waitForConvergence(simulation, within: 300_000), "faults: \(scenario.faults)")
        #expect(simulation.violation == nil)
        #expect(simulation.statistics.batchSlots > 0, "some slot held a batch")
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        expectExactlyOnceAppends(simulation)
        expectLinearizable(simulation)
    }
}

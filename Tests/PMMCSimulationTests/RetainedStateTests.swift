import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Garbage collection keeps the protocol's memory flat in the length of the run (6.824's
/// TestForgetMem, DSLabs' ClearsMemory). 100,000 commands are the release benchmark's
/// (Scripts/bench-retained.sh); here a shorter run shows the same bound at two lengths.
@Suite("Retained state")
struct RetainedStateTests {
    static let valueSize = 1_024
    static let settings = Settings(retainedDecisions: 200)

    /// Runs `operations` 1 KB puts and gets and returns what the cluster keeps at the end.
    static func retained(after operations: Int, settings: Settings) throws -> (RetainedState, KVSimulation) {
        let simulation = try makeSimulation(seed: 3, clients: 4, settings: settings, network: NetworkModel(latency: 1...5))
        try submitRoundRobin(KeyValueWorkload.sized(count: operations, keys: 16, valueSize: valueSize, seed: 3), to: simulation)
        #expect(simulation.run(until: hasConverged, timeLimit: 10_000_000) == .conditionMet)
        #expect(simulation.violation == nil)
        return (simulation.retainedState, simulation)
    }

    @Test("with garbage collection, pvalues, proposals and decisions (counts and bytes) stay bounded as the run grows")
    func boundedWithGarbageCollection() throws {
        let (short, _) = try Self.retained(after: 1_000, settings: Self.settings)
        let (long, simulation) = try Self.retained(after: 3_000, settings: Self.settings)
        // Each replica keeps its last 200 decisions plus those of one report interval; leaders
        // and acceptors what was decided since the last collection.
        let replicas = simulation.options.replicas
        let decisionBound = replicas * (Self.settings.retainedDecisions + 100)
        for state in [short, long] {
            #expect(state.decisions <= decisionBound, "\(state)")
            #expect(state.pvalues <= 3 * 100, "\(state)")
            #expect(state.proposals <= 2 * 100 + replicas * Self.settings.window, "\(state)")
            #expect(state.bytes <= (decisionBound + 600) * (Self.valueSize + 200), "\(state)")
        }
        #expect(simulation.replicas.allSatisfy { $0.logStart > 2_000 }, "replicas dropped their old decisions")
        #expect(simulation.statistics.sent(.collect) > 0)
    }

    @Test("without garbage collection the same run keeps every pvalue, proposal and decision")
    func unboundedWithout() throws {
        var settings = Self.settings
        settings.garbageCollection = false
        let (state, simulation) = try Self.retained(after: 1_000, settings: settings)
        let slots = simulation.statistics.slotsDecided
        #expect(state.pvalues >= 2 * slots, "\(state)")
        #expect(state.decisions == simulation.options.replicas * slots, "\(state)")
        #expect(state.bytes > 2 * slots * Self.valueSize, "\(state)")
    }
}

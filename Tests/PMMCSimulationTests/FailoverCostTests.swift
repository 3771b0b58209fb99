import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Failover independent of history: a new leader's phase 1 and the phase 2 it re-runs cover
/// only the slots not yet collected, so crashing the active leader costs the same after a
/// short and a long history. (The release benchmark Scripts/bench-retained.sh compares 10,000
/// and 100,000 commands; here 500 and 2,500.)
@Suite("Failover cost")
struct FailoverCostTests {
    /// Runs `history` commands, crashes the active leader, and returns the commanders spawned
    /// and the virtual time from the crash to the next decision.
    static func failover(after history: Int, settings: Settings) throws -> (commanders: Int, ticks: Int) {
        let simulation = try makeSimulation(seed: 4, clients: 4, settings: settings, network: NetworkModel(latency: 1...1))
        try submitRoundRobin(KeyValueWorkload.sized(count: history + 200, keys: 8, valueSize: 8, seed: 4), to: simulation)
        #expect(run(simulation, for: 10_000_000, until: { $0.statistics.slotsDecided >= history }) == .conditionMet)
        let leader = try #require(activeLeader(of: simulation))
        let commandersBefore = simulation.statistics.commandersSpawned
        let decidedBefore = simulation.statistics.slotsDecided
        try simulation.crash(leader.id)
        let crashedAt = simulation.now
        #expect(run(simulation, for: 100_000, until: { $0.statistics.slotsDecided > decidedBefore }) == .conditionMet)
        let result = (simulation.statistics.commandersSpawned - commandersBefore, simulation.now - crashedAt)
        #expect(run(simulation, for: 1_000_000, until: \.allOperationsCompleted) == .conditionMet)
        #expect(simulation.violation == nil)
        return result
    }

    @Test("with garbage collection, the commanders spawned and the time to the next decision do not grow with the history")
    func independentOfHistory() throws {
        let short = try Self.failover(after: 500, settings: Settings())
        let long = try Self.failover(after: 2_500, settings: Settings())
        #expect(long.commanders <= short.commanders + 20, "\(short) then \(long)")
        #expect(long.commanders < 50, "\(long)")
        #expect(abs(long.ticks - short.ticks) <= 20, "\(short) then \(long)")
    }

    @Test("without garbage collection the new leader re-runs phase 2 for every slot of the history")
    func growsWithoutGarbageCollection() throws {
        var settings = Settings()
        settings.garbageCollection = false
        let short = try Self.failover(after: 500, settings: settings)
        let long = try Self.failover(after: 2_500, settings: settings)
        #expect(long.commanders >= short.commanders + 1_500, "\(short) then \(long)")
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Scenario 8: naive leaders (paper figure 7, `Settings.paper()`): a preempted leader scouts
/// again at once, so two leaders can preempt each other indefinitely. Liveness is not
/// promised here; safety is.
@Suite("Dueling leaders")
struct DuelingLeadersTests {
    static let timeLimit = 20_000

    static func duel(seed: UInt64, settings: Settings = .paper()) throws -> (simulation: KVSimulation, outcome: RunOutcome) {
        let simulation = try makeSimulation(seed: seed, leaders: 2, clients: 3, settings: settings)
        try submitRoundRobin(KeyValueWorkload.random(count: 20, keys: 2, seed: seed), to: simulation)
        let outcome = simulation.run(until: everyReplicaApplied, timeLimit: timeLimit)
        return (simulation, outcome)
    }

    @Test("dueling leaders never break safety: no violation, logs agree, answers match the log",
          arguments: Seeds.sweep)
    func duelIsSafe(seed: UInt64) throws {
        let (simulation, outcome) = try Self.duel(seed: seed)
        // Either everything completed or the time limit cut a livelock short; never a violation.
        #expect(outcome == .conditionMet || outcome == .timeLimit, "\(outcome)")
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        // Whatever was executed, was executed at most once.
        let replica = try #require(simulation.replicas.max { $0.slotOut < $1.slotOut })
        expectExactlyOnceAppends(simulation.operations, finalValues: replica.state.storage)
    }

    /// Naive leaders (20 operations) preempted each other 35…103 times per seed when written;
    /// random latencies broke every duel sooner or later, so every run completed. With failure
    /// detection every seed had exactly 1 preemption (l0's first ballot loses to l1's).
    @Test("leaders without failure detection preempt each other, far more than with it (counts per seed)",
          arguments: Seeds.sweep)
    func leadersPreemptEachOther(seed: UInt64) throws {
        let (naive, naiveOutcome) = try Self.duel(seed: seed)
        #expect(naive.violation == nil)
        #expect(naiveOutcome == .conditionMet, "random latencies end the duel within \(Self.timeLimit) ticks")
        #expect(naive.statistics.preemptions >= 20, "naive leaders duel: \(naive.statistics.preemptions) preemptions")
        // Paper §3: a preempted leader that waits for the active one to fail instead of scouting
        // at once ends the duel.
        let (calm, outcome) = try Self.duel(seed: seed, settings: Settings())
        #expect(calm.violation == nil)
        #expect(outcome == .conditionMet, "leaders with failure detection complete")
        #expect(calm.statistics.preemptions <= 2, "failure detection: \(calm.statistics.preemptions) preemptions")
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Paper §3 in the simulator: leaders that back off (AIMD) and watch the active leader stop
/// dueling, and the one that takes over from a crashed leader does so within a bound that
/// the settings give.
@Suite("Back-off")
struct BackoffTests {
    /// The dueling-leaders setup of ``DuelingLeadersTests``, `operations` long. Safety under
    /// duels is ``DuelingLeadersTests``' business; these runs count preemptions, so they may
    /// skip the invariant checks, which would otherwise take most of their time.
    static func duel(
        seed: UInt64, operations: Int, settings: Settings, checkInvariants: Bool = true
    ) throws -> (preemptions: Int, outcome: RunOutcome) {
        let simulation = try KVSimulation(options: SimulationOptions(
            seed: seed, leaders: 2, clients: 3, settings: settings, checkInvariants: checkInvariants))
        try submitRoundRobin(KeyValueWorkload.random(count: operations, keys: 2, seed: seed), to: simulation)
        let outcome = simulation.run(until: everyReplicaApplied, timeLimit: 200_000)
        #expect(simulation.violation == nil)
        return (simulation.statistics.preemptions, outcome)
    }

    /// Paper figure 7's leaders duel for as long as there are commands, so three times the
    /// commands bring about three times the preemptions (10 seeds: 683 preemptions at 20
    /// commands, 2,489 at 60 when written). The practical settings (failure detection, back-off,
    /// adaptive timeouts) had exactly one per run at either length: l0's first ballot loses to
    /// l1's.
    @Test("paper leaders' preemptions grow with the length of the run; practical leaders decide every command with at most 2")
    func preemptionsGrowOnlyWithoutPragmatics() throws {
        var paperTotals: [Int: Int] = [:]
        for operations in [20, 60] {
            for seed in Seeds.sweep.prefix(10) {
                let paper = try Self.duel(seed: seed, operations: operations, settings: .paper(), checkInvariants: false)
                #expect(paper.outcome == .conditionMet, "seed \(seed): random latencies end the duel")
                paperTotals[operations, default: 0] += paper.preemptions
                let practical = try Self.duel(seed: seed, operations: operations, settings: Settings())
                #expect(practical.outcome == .conditionMet, "seed \(seed), \(operations) operations")
                #expect(practical.preemptions <= 2, "seed \(seed), \(operations) operations: \(practical.preemptions) preemptions")
            }
        }
        #expect(paperTotals[60]! >= 2 * paperTotals[20]!, "\(paperTotals)")
    }

    /// Back-off alone (no failure detection), the paper's `backoff` variant: a preempted leader
    /// waits before it scouts again, longer after each preemption, so the duel dies down.
    @Test("back-off alone ends the duel with far fewer preemptions than paper leaders", arguments: Seeds.sweep)
    func backoffAloneCalmsTheDuel(seed: UInt64) throws {
        var settings = Settings.paper()
        settings.backoff = Settings.Backoff()
        let paper = try Self.duel(seed: seed, operations: 40, settings: .paper())
        let backingOff = try Self.duel(seed: seed, operations: 40, settings: settings)
        #expect(backingOff.outcome == .conditionMet)
        #expect(backingOff.preemptions * 4 <= paper.preemptions, "\(backingOff.preemptions) against \(paper.preemptions)")
    }

    /// The passive leader counts the crashed one failed once it has been silent for its
    /// back-off timeout P (the patience), at a check that comes at most P + one ping interval
    /// after the last pong (a ping timeout doubles from below the interval and stops at the
    /// first check past P); the pong itself left the crashed leader at most one latency L
    /// before the crash. Phase 1 then takes a round trip, 2L. So the successor is active
    /// within `2P + pingInterval + 3L` of the crash. When written, P was 600 ticks (one
    /// preemption at the start doubled the minimum of 300), the bound 1,330 ticks, and the 20
    /// seeds took over after 544 to 691.
    @Test("with the active leader crashed, the other is active within 2 × back-off + ping interval + 3 × latency",
          arguments: Seeds.sweep)
    func takeoverWithinBound(seed: UInt64) throws {
        let settings = Settings()
        let simulation = try makeSimulation(seed: seed, clients: 3, settings: settings)
        try submitRoundRobin(KeyValueWorkload.random(count: 30, keys: 3, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 10 }) == .conditionMet)
        let crashed = try #require(activeLeader(of: simulation))
        guard case .leader(let index) = crashed.id else { return }
        let successor = try #require(simulation.leader(1 - index))
        let patience = try #require(successor.backoff?.timeout)
        let latency = simulation.options.network.latency.upperBound
        let bound = 2 * patience + settings.failureDetection!.pingInterval + 3 * latency
        let crashedAt = simulation.now
        try simulation.crash(crashed.id)
        let outcome = run(simulation, for: bound + 1, until: { $0.leader(1 - index)?.active == true })
        #expect(outcome == .conditionMet, "not active within \(bound) ticks (back-off \(patience))")
        let takeover = simulation.now - crashedAt
        #expect(takeover <= bound, "took over after \(takeover) ticks, bound \(bound)")
        #expect(run(simulation, for: 100_000, until: everyReplicaApplied) == .conditionMet)
    }
}

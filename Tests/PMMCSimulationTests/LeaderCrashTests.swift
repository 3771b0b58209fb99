import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Scenario 5: the active leader crashes mid-run. The passive leader, which has been pinging
/// it (paper §3), stops hearing back, runs a scout with a higher ballot, becomes active, and
/// the clients' requests complete.
@Suite("Leader crash")
struct LeaderCrashTests {
    @Test("the other leader takes over with a higher ballot and every command completes", arguments: Seeds.sweep)
    func activeLeaderCrashes(seed: UInt64) throws {
        let workload = KeyValueWorkload.random(count: 30, keys: 3, seed: seed)
        let simulation = try makeSimulation(seed: seed, clients: 3)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(workload, to: simulation)

        // Run until a third of the operations completed, then crash whichever leader is active.
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 10 }) == .conditionMet)
        let crashed = try #require(activeLeader(of: simulation), "some leader is active once operations complete")
        guard case .leader(let crashedIndex) = crashed.id else { return }
        let crashedAt = simulation.now
        try simulation.schedule(.crash(crashed.id), at: crashedAt)
        #expect(!simulation.allOperationsCompleted, "the crash happens mid-run")

        let outcome = run(simulation, for: 200_000, until: everyReplicaApplied)
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.isCrashed(crashed.id))

        let successor = try #require(simulation.leader(1 - crashedIndex))
        #expect(successor.active, "the surviving leader became active")
        #expect(successor.ballotNumber > crashed.ballotNumber,
                "successor ballot \(successor.ballotNumber) is above the crashed leader's \(crashed.ballotNumber)")
        // Messages the crashed leader sent before the crash arrive within the maximum latency;
        // after that nothing from it or its children is delivered: it sends nothing more.
        let settled = crashedAt + simulation.options.network.latency.upperBound
        #expect(!recorder.events.contains { $0.kind == .deliver && $0.time > settled && $0.source?.host == crashed.id })
        #expect(!recorder.events.contains { $0.kind == .send && $0.time > crashedAt && $0.source?.host == crashed.id })
        // Decisions were made after the crash, all by the successor. (Replicas also pass on
        // decisions they learned, to a replica that missed one: catch-up.)
        let laterDecisions = recorder.events.filter {
            $0.kind == .deliver && $0.time > settled && $0.message?.hasPrefix("decision(") == true
                && !isReplica($0.source)
        }
        #expect(!laterDecisions.isEmpty)
        #expect(laterDecisions.allSatisfy { $0.source?.host == successor.id })

        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        let values = try #require(try readBack(keys(of: simulation.operations), from: simulation))
        expectExactlyOnceAppends(simulation.operations, finalValues: values)
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Scenario 6: acceptor crashes. Three acceptors tolerate one crash (f = 1); with two gone no
/// majority is left and nothing more can be decided.
@Suite("Acceptor crashes")
struct AcceptorCrashTests {
    @Test("one of three acceptors crashes mid-run: progress continues and everything completes",
          arguments: Seeds.sweep)
    func oneAcceptorCrashes(seed: UInt64) throws {
        let workload = KeyValueWorkload.random(count: 30, keys: 3, seed: seed)
        let victim = ProcessID.acceptor(Int(seed % 3))
        let simulation = try makeSimulation(seed: seed, clients: 3)
        try submitRoundRobin(workload, to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 10 }) == .conditionMet)
        try simulation.schedule(.crash(victim), at: simulation.now)
        #expect(!simulation.allOperationsCompleted, "the crash happens mid-run")
        let decidedAtCrash = simulation.statistics.slotsDecided

        let outcome = run(simulation, for: 200_000, until: everyReplicaApplied)
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.statistics.slotsDecided > decidedAtCrash, "slots are still decided after the crash")
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        let values = try #require(try readBack(keys(of: simulation.operations), from: simulation))
        expectExactlyOnceAppends(simulation.operations, finalValues: values)
    }

    @Test("two of three acceptors crash: no decision after the crash, the run ends by time limit",
          arguments: Seeds.sweep)
    func twoAcceptorsCrash(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 2)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.appends(count: 6, keys: 2, seed: seed), to: simulation)
        // Crash when nothing is under way, so no decision already chosen is still in flight.
        #expect(run(simulation, for: 100_000, until: isSettled) == .conditionMet)
        let survivor = Int(seed % 3)
        let crashedAt = simulation.now
        for index in 0..<3 where index != survivor {
            try simulation.schedule(.crash(.acceptor(index)), at: crashedAt)
        }
        let decidedAtCrash = simulation.statistics.slotsDecided
        let firstAfterCrash = simulation.operations.count
        try submitRoundRobin(KeyValueWorkload.appends(count: 6, keys: 2, seed: seed, firstValue: 101), to: simulation)

        // A generous limit: a hundred phase-2 retransmission rounds.
        let outcome = run(simulation, for: 100 * simulation.options.settings.phaseRetransmit,
                          until: { $0.allOperationsCompleted })
        #expect(outcome == .timeLimit)
        #expect(!simulation.allOperationsCompleted)
        #expect(!simulation.operations[firstAfterCrash...].contains { $0.isComplete })
        #expect(simulation.statistics.slotsDecided == decidedAtCrash)
        #expect(!recorder.events(after: .crash).contains { $0.kind == .decide })
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
        // The leaders kept trying: commanders retransmit p2a to the acceptors they wait for.
        let phase2AfterCrash = recorder.events(after: .crash).count { $0.kind == .send && $0.message?.hasPrefix("p2a(") == true }
        #expect(phase2AfterCrash > 0)
    }

    @Test("an acceptor crashed from the start does not prevent any decision", arguments: Seeds.sweep)
    func acceptorCrashedFromTheStart(seed: UInt64) throws {
        let workload = KeyValueWorkload.random(count: 20, keys: 3, seed: seed)
        let (simulation, outcome) = try runToCompletion(seed: seed, workload: workload) { simulation in
            try simulation.schedule(.crash(.acceptor(Int(seed % 3))), at: 0)
        }
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        let crashed = try #require(simulation.acceptor(Int(seed % 3)))
        #expect(crashed.ballotNumber == .bottom && crashed.accepted.isEmpty, "a crashed acceptor takes part in nothing")
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
    }
}

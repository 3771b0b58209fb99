import PMMC
import PMMCSimulation
import PMMCTesting
import Testing

/// Failure stories about a replicated key-value store, each swept over seeds. Every run checks
/// the paper's invariants after every event; the tests check what clients and replicas saw.
@Suite("Key-value store scenarios")
struct KeyValueScenarioTests {
    @Test("the active leader crashes on a lossy network; the other takes over", arguments: 1...10)
    func leaderCrashUnderLoss(seed: UInt64) throws {
        let simulation = try Scenario(seed: seed, profile: .lossy, operations: 40).makeSimulation()
        simulation.run(until: { $0.statistics.slotsDecided >= 10 }, timeLimit: 50_000)
        let crashed = try #require(activeLeader(of: simulation))
        try simulation.crash(crashed.id)

        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: 300_000) == .conditionMet)
        #expect(simulation.violation == nil)
        let successor = try #require(activeLeader(of: simulation))
        #expect(successor.ballotNumber > crashed.ballotNumber)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        expectExactlyOnceAppends(simulation)
    }

    @Test("the active leader is cut off with one acceptor; the majority side goes on, and after the heal so does everyone",
          arguments: 1...10)
    func partitionAndHeal(seed: UInt64) throws {
        let simulation = try Scenario(seed: seed, operations: 20).makeSimulation()
        #expect(simulation.run(until: isSettled, timeLimit: 100_000) == .conditionMet)
        let isolated = try #require(activeLeader(of: simulation))
        try simulation.schedule(.partition([[isolated.id, .acceptor(0)]]), at: simulation.now)
        for operation in KeyValueWorkload.appends(count: 20, keys: 3, seed: seed, firstValue: 101) {
            try simulation.submit(operation, client: 0)
        }
        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: simulation.now + 100_000) == .conditionMet,
                "two acceptors of three are a majority")
        #expect(activeLeader(of: simulation)?.id != isolated.id)

        try simulation.schedule(.heal, at: simulation.now)
        try simulation.append("k0", "v201", client: 1)
        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: simulation.now + 100_000) == .conditionMet)
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        expectExactlyOnceAppends(simulation)
    }

    @Test("a larger cluster keeps every operation exactly once under every fault profile",
          arguments: FaultProfile.allCases, 1...3)
    func faultProfiles(profile: FaultProfile, seed: UInt64) throws {
        let scenario = Scenario(seed: seed, profile: profile, operations: 60, replicas: 3, acceptors: 5, clients: 4)
        let simulation = try scenario.makeSimulation()
        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: 300_000) == .conditionMet,
                "faults: \(scenario.faults)")
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        expectExactlyOnceAppends(simulation)
    }

    @Test("with two of three acceptors crashed nothing more is decided", arguments: 1...5)
    func noMajority(seed: UInt64) throws {
        let simulation = try Scenario(seed: seed, operations: 20).makeSimulation()
        #expect(simulation.run(until: isSettled, timeLimit: 100_000) == .conditionMet)
        let decided = simulation.statistics.slotsDecided
        try simulation.crash(.acceptor(0))
        try simulation.crash(.acceptor(1))
        try simulation.append("k0", "v101", client: 0)

        #expect(!waitForConvergence(simulation, within: 20_000))
        #expect(simulation.statistics.slotsDecided == decided)
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Catch-up: a replica that fell behind learns it from the others' `executed` reports, with no
/// new client traffic, and catches up by the decisions it missed or, when those were already
/// dropped, by a snapshot.
@Suite("Catch-up")
struct CatchUpTests {
    static let settings = Settings(retainedDecisions: 100)
    /// Ticks for a healed replica to hear a report (one interval), ask (one more) and get its
    /// answer, with room for latency.
    static var catchUpBound: Int { 3 * settings.executedReportInterval + 100 }

    /// Cuts r1 off while `operations` commands are decided, heals, and returns the simulation
    /// at the heal, with no request left.
    static func isolate(_ operations: Int, seed: UInt64) throws -> KVSimulation {
        let simulation = try makeSimulation(seed: seed, clients: 4, settings: settings)
        try simulation.schedule(.partition([[.replica(1)]]), at: 0)
        try submitRoundRobin(KeyValueWorkload.sized(count: operations, keys: 8, valueSize: 16, seed: seed), to: simulation)
        #expect(run(simulation, for: 10_000_000, until: { $0.allOperationsCompleted && $0.replicas[0].proposals.isEmpty }) == .conditionMet)
        #expect(simulation.replicas[1].slotOut == 1, "r1 heard nothing")
        try simulation.schedule(.heal, at: simulation.now)
        return simulation
    }

    /// Runs until r1 has r0's slot_out and state; returns the virtual time that took.
    static func catchUp(_ simulation: KVSimulation) -> Int? {
        let healed = simulation.now
        let outcome = run(simulation, for: 100_000) { simulation in
            let replicas = simulation.replicas
            return replicas[1].slotOut == replicas[0].slotOut && replicas[1].state == replicas[0].state
        }
        return outcome == .conditionMet ? simulation.now - healed : nil
    }

    @Test("a replica cut off while 2,000 commands are decided and collected gets a snapshot after the heal, within a bounded time",
          arguments: [UInt64(1), 2])
    func isolatedReplicaCatchesUpBySnapshot(seed: UInt64) throws {
        let simulation = try Self.isolate(2_000, seed: seed)
        #expect(simulation.replicas[0].logStart > 1_800, "r0 dropped the decisions r1 needs")
        let took = try #require(Self.catchUp(simulation))
        #expect(took <= Self.catchUpBound)
        #expect(simulation.statistics.sent(.snapshot) >= 1)
        #expect(simulation.replicas[1].sessions == simulation.replicas[0].sessions)
        #expect(simulation.violation == nil)
        // Now every replica reports again, so the leaders and acceptors collect.
        run(simulation, for: 4 * Self.settings.executedReportInterval)
        #expect(simulation.retainedState.pvalues < 3 * 100, "\(simulation.retainedState)")
    }

    @Test("a replica that missed the last 50 decisions learns them without new traffic (decisions, no snapshot)")
    func replicaBehindCatchesUpByDecisions() throws {
        let simulation = try Self.isolate(50, seed: 3)
        let took = try #require(Self.catchUp(simulation))
        #expect(took <= Self.catchUpBound)
        #expect(simulation.statistics.sent(.snapshot) == 0)
        #expect(simulation.replicas[1].log == simulation.replicas[0].log)
        expectLogsAgree(simulation)
        #expect(waitForConvergence(simulation, within: 1_000))
    }

    @Test("without catch-up the same replica stays behind")
    func withoutCatchUpItStaysBehind() throws {
        var settings = Self.settings
        settings.catchUp = false
        let simulation = try makeSimulation(seed: 3, clients: 4, settings: settings)
        try simulation.schedule(.partition([[.replica(1)]]), at: 0)
        try submitRoundRobin(KeyValueWorkload.sized(count: 50, keys: 8, valueSize: 16, seed: 3), to: simulation)
        #expect(run(simulation, for: 1_000_000, until: \.allOperationsCompleted) == .conditionMet)
        try simulation.schedule(.heal, at: simulation.now)
        run(simulation, for: 10 * Self.catchUpBound)
        #expect(simulation.replicas[1].slotOut == 1)
    }

    /// 6.824's TestDeaf: a process that can send but not receive, then can again.
    @Test("a deaf replica misses every decision while the others go on, then hears again and catches up",
          arguments: [UInt64(1), 2, 3])
    func deafReplica(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 3, settings: Self.settings)
        try submitRoundRobin(KeyValueWorkload.sized(count: 60, keys: 4, valueSize: 8, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 10 }) == .conditionMet)
        try simulation.schedule(.deafen(.replica(1)), at: simulation.now)
        #expect(run(simulation, for: 1_000_000, until: \.allOperationsCompleted) == .conditionMet)
        let deafAt = simulation.replicas[1].slotOut
        #expect(deafAt < simulation.replicas[0].slotOut, "r1 heard none of the later decisions")
        try simulation.schedule(.hear(.replica(1)), at: simulation.now)
        let took = try #require(Self.catchUp(simulation))
        #expect(took <= Self.catchUpBound)
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
    }

    @Test("a deaf active leader is replaced, every command is still decided once, and it rejoins when it hears again",
          arguments: [UInt64(1), 2, 3])
    func deafLeader(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 3, settings: Self.settings)
        try submitRoundRobin(KeyValueWorkload.appends(count: 60, keys: 3, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 10 }) == .conditionMet)
        let deaf = try #require(activeLeader(of: simulation)).id
        try simulation.schedule(.deafen(deaf), at: simulation.now)
        try simulation.schedule(.hear(deaf), at: simulation.now + 5_000)
        #expect(run(simulation, for: 1_000_000, until: everyReplicaApplied) == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(waitForConvergence(simulation, within: 10_000))
        expectLogsAgree(simulation)
        let values = try #require(try readBack(["k0", "k1", "k2"], from: simulation))
        expectExactlyOnceAppends(simulation.operations, finalValues: values)
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// A crashed process receives nothing, fires no timers and sends nothing: its state freezes at
/// the moment of the crash.
@Suite("Crash semantics")
struct CrashSemanticsTests {
    @Test("a crashed acceptor's state never changes after the crash", arguments: Seeds.sweep)
    func crashedAcceptorFreezes(seed: UInt64) throws {
        // Without garbage collection, so that the others' accepted pvalues only grow.
        let simulation = try makeSimulation(seed: seed, clients: 2, settings: Settings(garbageCollection: false))
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.random(count: 20, keys: 2, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 5 }) == .conditionMet)
        let crashedAt = simulation.now
        try simulation.schedule(.crash(.acceptor(2)), at: crashedAt)
        // Handle the crash itself (the next event at this time) and take the frozen state.
        simulation.run(until: { $0.isCrashed(.acceptor(2)) }, timeLimit: crashedAt)
        #expect(simulation.isCrashed(.acceptor(2)))
        let frozen = try #require(simulation.acceptor(2))
        let othersBefore = [simulation.acceptor(0)!.accepted.count, simulation.acceptor(1)!.accepted.count]

        #expect(run(simulation, for: 100_000, until: everyReplicaApplied) == .conditionMet)
        #expect(simulation.violation == nil)
        let after = try #require(simulation.acceptor(2))
        #expect(after.ballotNumber == frozen.ballotNumber)
        #expect(after.accepted == frozen.accepted)
        // The others went on accepting.
        #expect(simulation.acceptor(0)!.accepted.count + simulation.acceptor(1)!.accepted.count > othersBefore.reduce(0, +))

        let afterCrash = recorder.events.filter { $0.time >= crashedAt }
        let crashIndex = try #require(recorder.events.firstIndex { $0.kind == .crash })
        let following = recorder.events[(crashIndex + 1)...]
        #expect(!following.contains { $0.kind == .deliver && $0.destination == .acceptor(2) }, "nothing is delivered to a2")
        // (Messages a2 sent before the crash may still arrive; it sends nothing new.)
        #expect(!following.contains { $0.source == .acceptor(2) && ($0.kind == .send || $0.kind == .timer) },
                "a2 sends nothing")
        #expect(following.contains { $0.kind == .drop && $0.destination == .acceptor(2) && $0.reason == .crashed },
                "messages to a2 are dropped as crashed")
        #expect(afterCrash.contains { $0.kind == .crash && $0.source == .acceptor(2) })
    }

    @Test("a crashed leader's scouts and commanders crash with it and its timers stop", arguments: Seeds.sweep)
    func crashedLeaderTakesItsChildren(seed: UInt64) throws {
        // Crash l1 (the leader with the higher first ballot) early, while it has children at work.
        let simulation = try makeSimulation(seed: seed, clients: 2)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.random(count: 10, keys: 2, seed: seed), to: simulation)
        try simulation.schedule(.crash(.leader(1)), at: 5)
        simulation.run(until: { $0.isCrashed(.leader(1)) }, timeLimit: 5)
        let frozen = try #require(simulation.leader(1))
        let children = simulation.processIDs.filter { $0.host == .leader(1) && $0 != .leader(1) }
        #expect(!children.isEmpty, "l1 had a scout or commanders running when it crashed")
        #expect(children.allSatisfy { simulation.isCrashed($0) }, "children share their host's fate")

        #expect(run(simulation, for: 100_000, until: everyReplicaApplied) == .conditionMet)
        #expect(simulation.violation == nil)
        let after = try #require(simulation.leader(1))
        #expect(after.ballotNumber == frozen.ballotNumber)
        #expect(after.active == frozen.active)
        #expect(after.proposals == frozen.proposals)
        #expect(after.childrenSpawned == frozen.childrenSpawned)
        // Its children never heard back, so none of them finished and exited.
        #expect(children.allSatisfy { simulation.process($0) != nil })
        let crashIndex = try #require(recorder.events.firstIndex { $0.kind == .crash })
        let following = recorder.events[(crashIndex + 1)...]
        #expect(!following.contains { $0.kind == .deliver && $0.destination?.host == .leader(1) })
        #expect(!following.contains { ($0.kind == .send || $0.kind == .timer || $0.kind == .spawn) && $0.source?.host == .leader(1) })
        // The replicas proposed to l1 too; those messages were dropped.
        #expect(following.contains { $0.kind == .drop && $0.destination == .leader(1) && $0.reason == .crashed })
        expectLogsAgree(simulation)
    }
}

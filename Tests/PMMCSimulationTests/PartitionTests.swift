import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Scenario 4: network partitions. A side without a majority of acceptors must decide
/// nothing; once the partition heals, everything completes.
@Suite("Partitions")
struct PartitionTests {
    /// How long a partition lasts: many retransmission rounds of every kind.
    static let partitionTicks = 5_000

    @Test("with the two majority acceptors cut off from the start nothing is decided until the heal",
          arguments: Seeds.sweep)
    func majorityCutOffFromTheStart(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 2)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.appends(count: 10, keys: 2, seed: seed), to: simulation)
        // a1 and a2 reach only each other; leaders, replicas, clients and a0 form the other side.
        try simulation.schedule(.partition([[.acceptor(1), .acceptor(2)]]), at: 0)

        let cut = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: Self.partitionTicks)
        #expect(cut == .timeLimit, "nothing can complete without a majority")
        #expect(simulation.statistics.slotsDecided == 0)
        #expect(recorder.decisions.isEmpty)
        #expect(completedCount(simulation) == 0)
        #expect(simulation.statistics.dropped > 0, "the partition cut messages")
        #expect(simulation.leader(0)?.active == false && simulation.leader(1)?.active == false,
                "no leader gets a ballot adopted by a minority")

        let healedAt = Self.partitionTicks
        try simulation.schedule(.heal, at: healedAt)
        let outcome = simulation.run(until: everyReplicaApplied, timeLimit: healedAt + 100_000)
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(recorder.decisions.allSatisfy { $0.time >= healedAt })
        #expect(!recorder.events(after: .partition, until: .heal).contains { $0.kind == .decide })
        #expect(recorder.decisions.count >= 10)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
    }

    @Test("cutting the majority acceptors away mid-run stops decisions until the heal", arguments: Seeds.sweep)
    func majorityCutOffMidRun(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 2)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.appends(count: 8, keys: 2, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: isSettled) == .conditionMet)
        let decidedBefore = simulation.statistics.slotsDecided
        #expect(decidedBefore >= 8)

        let partitionedAt = simulation.now
        try simulation.schedule(.partition([[.acceptor(1), .acceptor(2)]]), at: partitionedAt)
        let firstOfSecondBatch = simulation.operations.count
        try submitRoundRobin(KeyValueWorkload.appends(count: 8, keys: 2, seed: seed, firstValue: 101), to: simulation)
        let cut = run(simulation, for: Self.partitionTicks, until: { $0.allOperationsCompleted })

        #expect(cut == .timeLimit)
        #expect(simulation.statistics.slotsDecided == decidedBefore, "no slot decided without a majority")
        #expect(!recorder.events(after: .partition).contains { $0.kind == .decide })
        #expect(!simulation.operations[firstOfSecondBatch...].contains { $0.isComplete })

        let healedAt = simulation.now
        try simulation.schedule(.heal, at: healedAt)
        let outcome = run(simulation, for: 100_000, until: everyReplicaApplied)
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.statistics.slotsDecided >= decidedBefore + 8)
        #expect(!recorder.events(after: .partition, until: .heal).contains { $0.kind == .decide })
        #expect(recorder.events(after: .heal).count { $0.kind == .decide } >= 8)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        let values = try #require(try readBack(["k0", "k1"], from: simulation))
        expectExactlyOnceAppends(simulation.operations, finalValues: values)
    }

    @Test("a leader isolated with one acceptor decides nothing; the majority side takes over", arguments: Seeds.sweep)
    func leaderIsolatedWithOneAcceptor(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 2)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.appends(count: 6, keys: 2, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: isSettled) == .conditionMet)
        let isolated = try #require(activeLeader(of: simulation))
        guard case .leader(let isolatedIndex) = isolated.id else { return }
        let other = 1 - isolatedIndex

        // The active leader keeps one acceptor; the passive leader, the two other acceptors,
        // replicas and clients form the majority side.
        let partitionedAt = simulation.now
        try simulation.schedule(.partition([[isolated.id, .acceptor(0)]]), at: partitionedAt)
        try submitRoundRobin(KeyValueWorkload.appends(count: 6, keys: 2, seed: seed, firstValue: 101), to: simulation)
        let during = run(simulation, for: 100_000, until: everyReplicaApplied)

        #expect(during == .conditionMet, "the majority side completes everything while the partition lasts")
        #expect(simulation.violation == nil)
        let successor = try #require(simulation.leader(other))
        #expect(successor.active && successor.ballotNumber > isolated.ballotNumber,
                "l\(other) took over with a higher ballot")
        // Every decision made during the partition came from the successor's commanders: the
        // isolated leader's commanders never gathered a majority (and reach no replica).
        // Replicas passing on decisions they learned (catch-up) made none.
        let decisionSenders = recorder.events(after: .partition).filter {
            $0.kind == .deliver && $0.message?.hasPrefix("decision(") == true && !isReplica($0.source)
        }.compactMap(\.source)
        #expect(!decisionSenders.isEmpty)
        #expect(decisionSenders.allSatisfy { $0.host == .leader(other) })
        // The majority acceptors adopted the successor's ballot; the isolated one never saw it.
        #expect(simulation.acceptor(1)?.ballotNumber == successor.ballotNumber)
        #expect(simulation.acceptor(2)?.ballotNumber == successor.ballotNumber)
        let isolatedAcceptor = try #require(simulation.acceptor(0))
        #expect(isolatedAcceptor.ballotNumber < successor.ballotNumber)

        // After the heal the old leader, still believing itself active, gets the next proposals
        // too; its stale phase 2 messages are refused by the majority, which preempts it.
        let logBeforeHeal = try #require(simulation.replica(0)).log
        try simulation.schedule(.heal, at: simulation.now)
        try simulation.append("k0", "v201", client: 0)
        try simulation.append("k1", "v202", client: 1)
        #expect(run(simulation, for: 100_000, until: everyReplicaApplied) == .conditionMet)
        let logAfterHeal = try #require(simulation.replica(0)).log
        #expect(Array(logAfterHeal.prefix(logBeforeHeal.count)) == logBeforeHeal)
        let oldLeader = try #require(simulation.leader(isolatedIndex))
        #expect(!oldLeader.active || oldLeader.ballotNumber > successor.ballotNumber,
                "the old leader no longer acts on its stale ballot \(isolated.ballotNumber)")
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
    }
}

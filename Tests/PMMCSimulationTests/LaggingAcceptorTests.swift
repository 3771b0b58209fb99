import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// An acceptor that missed a ballot's phase 1 (its p1a lost, or cut off by a partition) and
/// that the majority later needs. The paper's acceptor accepts a p2a only at exactly its own
/// ballot, so such an acceptor refused every p2a of the active leader, the leader was never
/// preempted, and nothing was decided again (issue 8). Ours adopts the p2a's higher ballot and
/// accepts. Each scenario checks that decisions keep coming: the longest stretch of virtual
/// time without a new decision, while operations were outstanding, stays within a bound.
@Suite("An acceptor left behind on an old ballot")
struct LaggingAcceptorTests {
    static let seeds: [UInt64] = Array(1...60)

    /// The longest a decision may take to follow the previous one (or a fault) with the
    /// default settings. It covers a failover: the failure detector's
    /// `(missedPings + 1) × pingInterval`, then a client's and a replica's retransmission, each
    /// of which may be lost once to the network: `2 × (400 + 200 + 100) = 1,400` ticks.
    static let maximumGap: Int = {
        let settings = Settings()
        let detection = settings.failureDetection!
        return 2 * ((detection.missedPings + 1) * detection.pingInterval + settings.requestRetransmit + settings.proposalRetransmit)
    }()

    /// The longest stretch between decisions (or from `start` to the first one) before every
    /// operation completed.
    static func longestGap(_ recorder: TraceRecorder, from start: Int, until end: Int) -> Int {
        var previous = start
        var longest = 0
        for decision in recorder.decisions where decision.time >= start {
            longest = max(longest, decision.time - previous)
            previous = decision.time
        }
        return max(longest, end - previous)
    }

    /// Every operation completed by the end, no stretch after `start` went without a decision
    /// for longer than ``maximumGap``, and the replicas agree.
    static func expectSteadyProgress(
        _ simulation: KVSimulation, _ outcome: RunOutcome, _ recorder: TraceRecorder, from start: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(outcome == .conditionMet, "\(completedCount(simulation)) of \(simulation.operations.count) operations completed",
                sourceLocation: sourceLocation)
        let gap = longestGap(recorder, from: start, until: simulation.now)
        #expect(gap <= maximumGap, "\(gap) ticks without a decision", sourceLocation: sourceLocation)
        expectLogsAgree(simulation, sourceLocation: sourceLocation)
        expectOutputsMatchReplay(simulation, sourceLocation: sourceLocation)
    }

    @Test("5% loss and one acceptor crash: every operation completes (the reproducer of seed 15)", arguments: seeds)
    func lossAndAcceptorCrash(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 3, network: NetworkModel(latency: 1...10, lossRate: 0.05))
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.appends(count: 100, keys: 3, seed: seed), to: simulation)
        try simulation.schedule(.crash(.acceptor(1)), at: 674)
        let outcome = simulation.run(until: everyReplicaApplied, timeLimit: 60_000)
        Self.expectSteadyProgress(simulation, outcome, recorder, from: 674)
    }

    @Test("a partition, a heal, then an acceptor crash that leaves the majority needing the acceptor the partition cut off",
          arguments: seeds)
    func partitionThenCrash(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 4)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.appends(count: 300, keys: 3, seed: seed), to: simulation)
        try simulation.schedule(.partition([[.leader(1), .acceptor(2)]]), at: 382)
        try simulation.schedule(.heal, at: 910)
        try simulation.schedule(.crash(.acceptor(1)), at: 1_373)
        let outcome = simulation.run(until: everyReplicaApplied, timeLimit: 60_000)
        Self.expectSteadyProgress(simulation, outcome, recorder, from: 1_373)
    }

    @Test("after a repartition the majority side holds an acceptor that missed the active leader's phase 1",
          arguments: seeds)
    func repartitionedMajorityHoldsLaggingAcceptor(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, leaders: 1, clients: 2)
        let recorder = TraceRecorder(simulation)
        // a2 is cut off from the start, so l0's ballot is adopted by a0 and a1 only.
        try simulation.schedule(.partition([[.acceptor(2)]]), at: 0)
        try submitRoundRobin(KeyValueWorkload.appends(count: 10, keys: 2, seed: seed), to: simulation)
        #expect(simulation.run(until: isSettled, timeLimit: 100_000) == .conditionMet)
        #expect(simulation.acceptor(2)!.ballotNumber == .bottom, "a2 missed phase 1")
        // Now a0 is cut off instead: the majority is a1 and a2, and a2 never saw l0's p1a.
        let repartitionedAt = simulation.now
        try simulation.schedule(.partition([[.acceptor(0)]]), at: repartitionedAt)
        try submitRoundRobin(KeyValueWorkload.appends(count: 10, keys: 2, seed: seed, firstValue: 101), to: simulation)
        let outcome = simulation.run(until: everyReplicaApplied, timeLimit: repartitionedAt + 60_000)
        #expect(simulation.acceptor(2)!.ballotNumber == simulation.leader(0)!.ballotNumber, "a2 adopted l0's ballot from its p2a")
        Self.expectSteadyProgress(simulation, outcome, recorder, from: repartitionedAt)
    }
}

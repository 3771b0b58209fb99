import Testing
@testable import PMMC

/// Each role that retransmits, with adaptive retransmission on: it samples the round trips of
/// what it sent once (Karn's rule), waits the timeout that gives, and doubles it on expiry.
@Suite struct AdaptiveRetransmissionTests {
    static let settings = Settings(
        requestRetransmit: 200, proposalRetransmit: 100, phaseRetransmit: 50,
        adaptiveRetransmission: .init(minimum: 2), garbageCollection: false, catchUp: false)

    @Test("a client samples a request answered without retransmission; one sent twice only ends the doubling")
    func clientSamplesOnlyUnambiguousRoundTrips() {
        var client = Client<KV>(id: c0, replicas: replicas(2), settings: Self.settings)
        var outbox = Box()
        outbox.now = 1_000
        client.submit(.operation(.get(key: "k")), into: &outbox)
        #expect(outbox.timers == [TimerSet(timer: .requestRetransmit(requestID: 1), after: 200)])
        client.deliver(.response(requestID: 1, output: ""), from: r0, at: 1_010)
        #expect(client.retransmitTimer.timeout == 30)
        // Request 2's timer is armed for the timeout of 30; when it fires, the request goes out
        // again and the timeout doubles.
        outbox = Box()
        outbox.now = 1_020
        client.submit(.operation(.get(key: "k")), into: &outbox)
        #expect(outbox.timers == [TimerSet(timer: .requestRetransmit(requestID: 2), after: 30)])
        let resent = client.fire(.requestRetransmit(requestID: 2), at: 1_050)
        #expect(resent.messages == [.request(get("k", id: 2)), .request(get("k", id: 2))])
        #expect(resent.timers == [TimerSet(timer: .requestRetransmit(requestID: 2), after: 60)])
        #expect(client.retransmitTimer.timeout == 60)
        client.deliver(.response(requestID: 2, output: ""), from: r0, at: 1_500)
        #expect(client.retransmitTimer.timeout == 30, "answered: back to the estimate of 30, not a sample of 480")
        outbox = Box()
        outbox.now = 1_500
        client.submit(.operation(.get(key: "k")), into: &outbox)
        #expect(outbox.timers == [TimerSet(timer: .requestRetransmit(requestID: 3), after: 30)], "the next request waits the undoubled timeout")
    }

    @Test("a replica samples from proposal to decision and proposes again once slot_out stood still for the timeout")
    func replicaSamplesProposalToDecision() {
        var replica = Replica<KV>(id: r0, leaders: [l0], settings: Self.settings)
        let first = replica.deliver(.request(get("k", id: 1)), from: c0, at: 500)
        #expect(first.timers == [TimerSet(timer: .proposalRetransmit, after: 100)])
        replica.deliver(.decision(slot: 1, command: get("k", id: 1)), from: .commander(leader: 0, number: 2), at: 520)
        #expect(replica.retransmitTimer.timeout == 60)
        // slot_out has stood still since 520 for 80 ticks, more than the timeout: the proposal
        // goes again, and the timeout doubles.
        replica.deliver(.request(get("k", client: 1, id: 1)), from: c1, at: 530)
        let retry = replica.fire(.proposalRetransmit, at: 600)
        #expect(retry.messages == [.propose(slot: 2, command: get("k", client: 1, id: 1), retry: true)])
        #expect(retry.timers == [TimerSet(timer: .proposalRetransmit, after: 60)], "looks again within the undoubled timeout")
        #expect(replica.retransmitTimer.timeout == 100, "doubled, but never above the fixed interval")
        #expect(replica.fire(.proposalRetransmit, at: 660).messages.isEmpty, "stood still 60 of 100")
        // A decision for a slot proposed twice is no sample, but slot_out moving undoes the doubling.
        replica.deliver(.decision(slot: 2, command: get("k", client: 1, id: 1)), from: .commander(leader: 0, number: 3), at: 700)
        #expect(replica.retransmitTimer.timeout == 60)
    }

    @Test("a leader samples each commander from spawn to exit, but not one that ran past its timeout")
    func leaderSamplesPhaseTwo() {
        var leader = Leader<KV>(id: l0, acceptors: acceptors(3), replicas: replicas(2), settings: Self.settings)
        leader.started(at: 0)
        leader.deliver(.adopted(ballot: b(0, 0), pvalues: []), from: .scout(leader: 0, number: 1), at: 10)
        #expect(leader.phaseTimer.timeout == 30, "one sample of 10: three times the round trip")
        for slot in 1...10 {
            let commander = leader.deliver(.propose(slot: slot, command: get("k", id: slot), retry: false), from: r0, at: 100 * slot).commanders[0]
            leader.childExited(commander.id, at: 100 * slot + 6)
        }
        let converged = leader.phaseTimer.timeout
        #expect(converged < 20, "ten commanders decided in 6 ticks each")
        let slow = leader.deliver(.propose(slot: 11, command: get("k", id: 11), retry: false), from: r0, at: 2_000).commanders[0]
        leader.childExited(slow.id, at: 2_000 + converged + 1)
        #expect(leader.phaseTimer.timeout == converged, "a commander that outlived its timeout resent p2a: no sample")
    }

    @Test("scouts and commanders double their timeout on each expiry, up to the fixed interval")
    func phaseTimeoutDoubles() {
        var timer = RetransmitTimer(initial: 50, adapting: Self.settings.adaptiveRetransmission)
        timer.sample(3)
        var commander = Commander<KV>(
            id: .commander(leader: 1, number: 2), leader: l1, acceptors: acceptors(3), replicas: replicas(2),
            pvalue: pv(b(0, 1), 1, get("k")), timer: timer)
        #expect(commander.started().timers == [TimerSet(timer: .phaseRetransmit, after: 9)])
        let waits = (0..<3).flatMap { _ in commander.fire(.phaseRetransmit).timers.map(\.after) }
        #expect(waits == [18, 36, 50])
        var scout = Scout<KV>(id: .scout(leader: 1, number: 1), leader: l1, acceptors: acceptors(3), ballot: b(0, 1), timer: timer)
        scout.started()
        #expect(scout.fire(.phaseRetransmit).timers == [TimerSet(timer: .phaseRetransmit, after: 18)])
    }

    @Test("an adaptive ping timeout: an unanswered ping goes again after the timeout, not a whole interval")
    func pingTimeoutAdapts() {
        var detector = FailureDetector(settings: .init(pingInterval: 100, missedPings: 3), adaptive: Self.settings.adaptiveRetransmission)
        var outbox = Box()
        outbox.now = 0
        detector.watch(l0, into: &outbox)
        let fromWatched = detector.pong(from: l0, at: 4)
        #expect(fromWatched)
        #expect(detector.pingTimer.timeout == 12)
        outbox = Box()
        outbox.now = 100
        let failedAfterAnswer = detector.check(epoch: 1, into: &outbox)
        #expect(!failedAfterAnswer)
        #expect(outbox.timers == [TimerSet(timer: .leaderCheck(epoch: 1), after: 100)], "answered: the next ping in an interval")
        outbox = Box()
        outbox.now = 200
        let failedAfterMiss = detector.check(epoch: 1, into: &outbox)
        #expect(!failedAfterMiss)
        #expect(outbox.timers == [TimerSet(timer: .leaderCheck(epoch: 1), after: 24)], "missed: again after the doubled timeout")
    }
}

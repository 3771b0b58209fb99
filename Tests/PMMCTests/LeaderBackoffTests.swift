import Testing
@testable import PMMC

/// The leader's AIMD back-off (paper §3): multiplied on preemption, shortened on adoption,
/// within its bounds; and how a leader uses it with and without failure detection.
@Suite struct LeaderBackoffTests {
    static let backoff = Settings.Backoff(minimum: 100, maximum: 1_000, factor: 2, decrease: 30)
    /// Back-off without failure detection: the paper's `backoff` variant.
    static let backingOff = Settings(phaseRetransmit: 50, failureDetection: nil, backoff: backoff, adaptiveRetransmission: nil)
    /// Back-off with failure detection: the back-off is the patience.
    static let watching = Settings(
        phaseRetransmit: 50, failureDetection: .init(pingInterval: 100, missedPings: 3), backoff: backoff,
        adaptiveRetransmission: nil)

    @Test("grows multiplicatively to the maximum, shrinks additively to the minimum")
    func aimd() {
        var backoff = LeaderBackoff(settings: Self.backoff)
        #expect(backoff.timeout == 100)
        var grown: [Int] = []
        for _ in 0..<5 {
            backoff.preempted()
            grown.append(backoff.timeout)
        }
        #expect(grown == [200, 400, 800, 1_000, 1_000])
        var shrunk: [Int] = []
        for _ in 0..<32 {
            backoff.adopted()
            shrunk.append(backoff.timeout)
        }
        #expect(shrunk.prefix(3) == [970, 940, 910])
        #expect(shrunk.last == 100)
    }

    @Test("a huge factor caps at the maximum instead of overflowing")
    func noOverflow() {
        var backoff = LeaderBackoff(settings: .init(minimum: 1, maximum: Int.max, factor: Int.max, decrease: 1))
        backoff.preempted()
        backoff.preempted()
        #expect(backoff.timeout == Int.max)
    }

    func activeLeader(_ settings: Settings) -> Leader<KV> {
        var leader = Leader<KV>(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: settings)
        leader.started()
        leader.deliver(.adopted(ballot: b(0, 1), pvalues: []), from: .scout(leader: 1, number: 1))
        return leader
    }

    @Test("without failure detection a preempted leader waits its back-off, then scouts; stale back-offs do nothing")
    func backoffDelaysTheScout() throws {
        var leader = activeLeader(Self.backingOff)
        let out = leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2))
        #expect(out.spawned.isEmpty)
        #expect(out.timers == [TimerSet(timer: .backoff(epoch: 1), after: 200)])
        // Preempted again before the back-off ends: the wait doubles and the first is stale.
        let again = leader.deliver(.preempted(ballot: b(3, 2)), from: .commander(leader: 1, number: 3))
        #expect(again.timers == [TimerSet(timer: .backoff(epoch: 2), after: 400)])
        #expect(leader.fire(.backoff(epoch: 1)).effects.isEmpty)
        let scout = try #require(leader.fire(.backoff(epoch: 2)).scouts.first)
        #expect(scout.ballot == b(4, 1))
        // Adopted: the wait shrinks by the decrease.
        leader.deliver(.adopted(ballot: b(4, 1), pvalues: []), from: scout.id)
        #expect(leader.backoff?.timeout == 370)
    }

    @Test("with failure detection the back-off is how long the watched leader may stay silent")
    func backoffIsThePatience() throws {
        var leader = activeLeader(Self.watching)
        leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2), at: 1_000)
        #expect(leader.backoff?.timeout == 200)
        // Silent since 1,000: the check at 1,100 is within the patience of 200.
        #expect(leader.fire(.leaderCheck(epoch: 1), at: 1_100).spawned.isEmpty)
        leader.deliver(.pong, from: l2, at: 1_120)
        #expect(leader.fire(.leaderCheck(epoch: 1), at: 1_200).spawned.isEmpty)
        #expect(leader.fire(.leaderCheck(epoch: 1), at: 1_300).spawned.isEmpty, "silent for 180 ticks")
        let out = leader.fire(.leaderCheck(epoch: 1), at: 1_400)
        #expect(try #require(out.scouts.first).ballot == b(2, 1), "silent for 280 ticks")
    }

    @Test("paper settings have no back-off: a preempted leader scouts at once")
    func paperHasNoBackoff() {
        var leader = activeLeader(.paper())
        #expect(leader.backoff == nil)
        #expect(leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2)).scouts.count == 1)
    }

    @Test("with adaptive retransmission the leader times its scout and gives its commanders the timeout")
    func leaderTimesItsScout() throws {
        let settings = Settings(phaseRetransmit: 50, adaptiveRetransmission: .init(minimum: 2))
        var leader = Leader<KV>(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: settings)
        let scout = try #require(leader.started(at: 100).scouts.first)
        #expect(scout.retransmitTimer.timeout == 50)
        leader.deliver(.adopted(ballot: b(0, 1), pvalues: []), from: scout.id, at: 110)
        #expect(leader.phaseTimer.timeout == 30)
        let commander = try #require(leader.deliver(.propose(slot: 1, command: get("k"), retry: false), from: r0).commanders.first)
        #expect(commander.retransmitTimer.timeout == 30)
    }

    @Test("an adoption slower than the scout's timeout is not sampled: the scout may have resent p1a (Karn)")
    func slowAdoptionIsNotSampled() throws {
        let settings = Settings(phaseRetransmit: 50, adaptiveRetransmission: .init(minimum: 2))
        var leader = Leader<KV>(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: settings)
        let scout = try #require(leader.started(at: 100).scouts.first)
        leader.deliver(.adopted(ballot: b(0, 1), pvalues: []), from: scout.id, at: 160)
        #expect(leader.phaseTimer.timeout == 50)
    }
}

import Testing
@testable import PMMC

/// Each role's `restart(into:)`: what it does when its host brings it back after a crash with
/// the state it had, its timers and a leader's children gone (Docs/Simulation.md, "Restart").
@Suite("Role restart")
struct RoleRestartTests {
    @Test("a leader restarts passive with ballot (r + 1, self), keeps its proposals and spawns a scout for the new ballot")
    func leader() throws {
        var leader = Leader<KV>(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: .paper())
        leader.started()
        leader.deliver(.adopted(ballot: b(0, 1), pvalues: []), from: .scout(leader: 1, number: 1))
        leader.deliver(.propose(slot: 1, command: put("k1", "v1"), retry: false), from: r0)
        #expect(leader.active && leader.childrenSpawned == 2)

        let out = leader.restarted()
        #expect(!leader.active)
        #expect(leader.ballotNumber == b(1, 1))
        #expect(leader.proposals == [1: put("k1", "v1")])
        #expect(leader.runningCommanders.isEmpty, "its commanders died with it")
        let scout = try #require(out.scouts.first)
        #expect(out.spawned.count == 1 && scout.id == .scout(leader: 1, number: 3) && scout.ballot == b(1, 1))
        #expect(out.sends.isEmpty && out.timers.isEmpty)
    }

    @Test("a leader that was watching another stops: the old check finds no watch, and it answers pings again")
    func watchingLeader() {
        let settings = Settings(phaseRetransmit: 50, failureDetection: .init(pingInterval: 100, missedPings: 3), backoff: nil, adaptiveRetransmission: nil)
        var leader = Leader<KV>(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: settings)
        leader.started()
        leader.deliver(.preempted(ballot: b(0, 2)), from: .scout(leader: 1, number: 1))
        #expect(leader.monitoring == l2)

        leader.restarted()
        #expect(leader.monitoring == nil)
        #expect(leader.ballotNumber == b(2, 1), "above 1.1, the ballot it moved to when preempted")
        #expect(leader.fire(.leaderCheck(epoch: 1)).effects.isEmpty)
        #expect(leader.deliver(.ping, from: l2).sends == [sent(.pong, to: l2)])
    }

    @Test("a replica sets its report and retransmission timers again and proposes what waits for a slot")
    func replica() {
        var replica = Replica<KV>(id: r0, leaders: [l0], replicas: replicas(2), settings: Settings(adaptiveRetransmission: nil))
        let first = replica.deliver(.request(put("k1", "v1", client: 0)), from: c0)
        #expect(first.timers.map(\.timer) == [.executedReport, .proposalRetransmit])
        // The host cancelled both timers at the crash; without the restart none would fire again.
        let out = replica.restarted(at: 500)
        #expect(out.timers == [TimerSet(timer: .executedReport, after: 100), TimerSet(timer: .proposalRetransmit, after: 100)])
        #expect(out.sends.isEmpty, "the proposal for slot 1 went out before the crash")
        #expect(replica.proposals == [1: put("k1", "v1", client: 0)])
        #expect(replica.fire(.proposalRetransmit, at: 600).sends == [sent(.propose(slot: 1, command: put("k1", "v1", client: 0), retry: true), to: l0)])
    }

    @Test("a client sets its retransmission timer again for the request in flight; an idle one does nothing")
    func client() {
        var client = Client<KV>(id: c1, replicas: replicas(2), settings: Settings(requestRetransmit: 200, adaptiveRetransmission: nil))
        #expect(client.restarted().effects.isEmpty)
        var outbox = Box()
        client.submit(.operation(.put(key: "k", value: "v")), into: &outbox)
        let out = client.restarted(at: 300)
        #expect(out.timers == [TimerSet(timer: .requestRetransmit(requestID: 1), after: 200)])
        #expect(out.sends.isEmpty)
        #expect(client.fire(.requestRetransmit(requestID: 1), at: 500).destinations(of: .request) == replicas(2))
    }

    @Test("an acceptor and a scout do nothing on restart")
    func others() {
        var acceptor = Role<KV>.acceptor(Acceptor(id: a0))
        acceptor.deliver(.p1a(ballot: b(0, 1)), from: .scout(leader: 1, number: 1))
        let before = acceptor
        #expect(acceptor.restarted().effects.isEmpty)
        #expect(acceptor == before)
        var scout = Role<KV>.scout(Scout(id: .scout(leader: 0, number: 1), leader: l0, acceptors: acceptors(3), ballot: b(0, 0),
                                         timer: RetransmitTimer(initial: 50, adapting: nil)))
        #expect(scout.restarted().effects.isEmpty)
    }
}

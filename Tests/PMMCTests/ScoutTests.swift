import Testing
@testable import PMMC

/// The scout of paper figure 6(b): phase 1 for one ballot.
@Suite("Scout")
struct ScoutTests {
    static let id = ProcessID.scout(leader: 1, number: 1)
    static let settings = Settings(phaseRetransmit: 50)

    func makeScout(acceptors: [ProcessID] = acceptors(3), ballot: Ballot = b(0, 1)) -> Scout<KV> {
        Scout(id: Self.id, leader: l1, acceptors: acceptors, ballot: ballot, timer: RetransmitTimer(initial: Self.settings.phaseRetransmit, adapting: nil))
    }

    @Test("start sends p1a to every acceptor and sets the phase timer")
    func start() {
        var scout = makeScout()
        let out = scout.started()
        #expect(out.sends == sent(.p1a(ballot: b(0, 1)), to: acceptors(3)))
        #expect(out.timers == [TimerSet(timer: .phaseRetransmit, after: 50)])
        #expect(out.exits == 0)
        #expect(scout.waitFor == acceptors(3))
    }

    @Test("adopted after a majority of p1b replies, not before", arguments: [(3, 2), (4, 3), (5, 3), (1, 1), (2, 2)])
    func adoptedAfterMajority(acceptorCount: Int, majority: Int) {
        let all = acceptors(acceptorCount)
        var scout = makeScout(acceptors: all)
        scout.started()
        for acceptor in all.prefix(majority - 1) {
            let out = scout.deliver(.p1b(ballot: b(0, 1), accepted: []), from: acceptor)
            #expect(out.effects.isEmpty, "adopted early after \(acceptor)")
        }
        let out = scout.deliver(.p1b(ballot: b(0, 1), accepted: []), from: all[majority - 1])
        #expect(out.sends == [sent(.adopted(ballot: b(0, 1), pvalues: []), to: l1)])
        #expect(out.lines == ["send adopted(0.1, []) → l1", "exit"])
        #expect(scout.waitFor == Array(all.dropFirst(majority)))
    }

    @Test("adopted carries the union of the accepted pvalues, each once")
    func adoptedCarriesUnion() {
        var scout = makeScout(acceptors: acceptors(5), ballot: b(2, 1))
        scout.started()
        let x = pv(b(0, 0), 1, put("k1", "v1"))
        let y = pv(b(1, 2), 1, put("k1", "v2"))
        let z = pv(b(0, 0), 2, app("k2", "v2"))
        #expect(scout.deliver(.p1b(ballot: b(2, 1), accepted: [x, z]), from: .acceptor(0)).effects.isEmpty)
        #expect(scout.deliver(.p1b(ballot: b(2, 1), accepted: [x, y]), from: .acceptor(3)).effects.isEmpty)
        let out = scout.deliver(.p1b(ballot: b(2, 1), accepted: [z, y, x]), from: .acceptor(4))
        #expect(out.sends == [sent(.adopted(ballot: b(2, 1), pvalues: [x, z, y]), to: l1)])
        #expect(out.exits == 1)
        #expect(scout.pvalues == [x, z, y])
    }

    @Test("a p1b with a higher ballot preempts: preempted(b') to the leader, then exit")
    func preemptedOnHigherBallot() {
        var scout = makeScout()
        scout.started()
        scout.deliver(.p1b(ballot: b(0, 1), accepted: []), from: a0)
        let out = scout.deliver(.p1b(ballot: b(1, 2), accepted: []), from: a1)
        #expect(out.sends == [sent(.preempted(ballot: b(1, 2)), to: l1)])
        #expect(out.lines == ["send preempted(1.2) → l1", "exit"])
    }

    @Test("a ballot of another leader in the same round is higher when its index is", arguments: [
        (b(0, 2), true), (b(0, 0), false), (b(1, 0), true),
    ])
    func preemptionFollowsBallotOrder(other: Ballot, preempts: Bool) {
        var scout = makeScout()
        scout.started()
        let out = scout.deliver(.p1b(ballot: other, accepted: []), from: a0)
        #expect((out.exits == 1) == preempts)
        #expect(out.messages == (preempts ? [.preempted(ballot: other)] : []))
    }

    @Test("a p1b with a lower ballot is ignored: no preemption and it does not count")
    func lowerBallotIgnored() {
        var scout = makeScout(ballot: b(1, 1))
        scout.started()
        #expect(scout.deliver(.p1b(ballot: b(0, 2), accepted: [pv(b(0, 2), 1, get("k"))]), from: a0).effects.isEmpty)
        #expect(scout.waitFor == acceptors(3))
        #expect(scout.pvalues.isEmpty)
        #expect(scout.deliver(.p1b(ballot: b(1, 1), accepted: []), from: a1).effects.isEmpty)
    }

    @Test("a duplicated p1b from the same acceptor does not count twice")
    func duplicateDoesNotCountTwice() {
        var scout = makeScout()
        scout.started()
        scout.deliver(.p1b(ballot: b(0, 1), accepted: []), from: a0)
        let duplicate = scout.deliver(.p1b(ballot: b(0, 1), accepted: []), from: a0)
        #expect(duplicate.effects.isEmpty)
        #expect(scout.waitFor == [a1, a2])
        let out = scout.deliver(.p1b(ballot: b(0, 1), accepted: []), from: a2)
        #expect(out.messages == [.adopted(ballot: b(0, 1), pvalues: [])])
        #expect(out.exits == 1)
    }

    @Test("the timer resends p1a only to acceptors not yet heard from, and sets itself again")
    func timerResendsToMissing() {
        var scout = makeScout(acceptors: acceptors(5))
        scout.started()
        scout.deliver(.p1b(ballot: b(0, 1), accepted: []), from: .acceptor(1))
        scout.deliver(.p1b(ballot: b(0, 1), accepted: []), from: .acceptor(3))
        let out = scout.fire(.phaseRetransmit)
        #expect(out.sends == sent(.p1a(ballot: b(0, 1)), to: [.acceptor(0), .acceptor(2), .acceptor(4)]))
        #expect(out.timers == [TimerSet(timer: .phaseRetransmit, after: 50)])
        #expect(out.exits == 0)
    }

    @Test("timers that are not the scout's are ignored")
    func otherTimersIgnored() {
        var scout = makeScout()
        scout.started()
        #expect(scout.fire(.proposalRetransmit).effects.isEmpty)
        #expect(scout.fire(.leaderCheck(epoch: 1)).effects.isEmpty)
    }
}

import Testing
@testable import PMMC

/// The acceptor of paper figure 4, checked against the four rules of the lecture slides.
@Suite("Acceptor")
struct AcceptorTests {
    let scout1 = ProcessID.scout(leader: 1, number: 1)
    let scout0 = ProcessID.scout(leader: 0, number: 1)
    let commander1 = ProcessID.commander(leader: 1, number: 2)
    let commander0 = ProcessID.commander(leader: 0, number: 2)

    @Test("a new acceptor has ballot ⊥ and has accepted nothing")
    func initialState() {
        let acceptor = Acceptor<KV>(id: a0)
        #expect(acceptor.ballotNumber == .bottom)
        #expect(acceptor.accepted.isEmpty)
    }

    @Test("p1a(0.1) with a higher ballot is adopted and answered p1b(0.1, [])")
    func p1aAdoptsHigherBallot() {
        var acceptor = Acceptor<KV>(id: a0)
        let out = acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout1)
        #expect(acceptor.ballotNumber == b(0, 1))
        #expect(out.sends == [sent(.p1b(ballot: b(0, 1), accepted: []), to: scout1)])
        #expect(out.sends.map(\.message.description) == ["p1b(0.1, [])"])
        #expect(out.timers.isEmpty && out.spawned.isEmpty && out.exits == 0)
    }

    @Test("p1a(0.0) after 0.1 keeps 0.1 and answers with 0.1")
    func p1aLowerBallotKeepsCurrent() {
        var acceptor = Acceptor<KV>(id: a0)
        acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout1)
        let out = acceptor.deliver(.p1a(ballot: b(0, 0)), from: scout0)
        #expect(acceptor.ballotNumber == b(0, 1))
        #expect(out.sends == [sent(.p1b(ballot: b(0, 1), accepted: []), to: scout0)])
    }

    @Test("p1a with the current ballot again is answered with that ballot")
    func p1aSameBallot() {
        var acceptor = Acceptor<KV>(id: a0)
        acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout1)
        let out = acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout1)
        #expect(acceptor.ballotNumber == b(0, 1))
        #expect(out.sends == [sent(.p1b(ballot: b(0, 1), accepted: []), to: scout1)])
    }

    @Test("p2a at the current ballot is accepted and answered p2b(0.1)")
    func p2aCurrentBallotAccepted() {
        var acceptor = Acceptor<KV>(id: a0)
        acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout1)
        let value = pv(b(0, 1), 1, put("k1", "v1"))
        let out = acceptor.deliver(.p2a(value), from: commander1)
        #expect(acceptor.accepted == [value])
        #expect(out.sends == [sent(.p2b(ballot: b(0, 1)), to: commander1)])
        #expect(out.sends.map(\.message.description) == ["p2b(0.1)"])
    }

    @Test("p2a at a lower ballot is refused: accepted is unchanged and p2b carries the current ballot")
    func p2aLowerBallotRefused() {
        var acceptor = Acceptor<KV>(id: a0)
        acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout1)
        let out = acceptor.deliver(.p2a(pv(b(0, 0), 1, put("k1", "v1"))), from: commander0)
        #expect(acceptor.accepted.isEmpty)
        #expect(acceptor.ballotNumber == b(0, 1))
        #expect(out.sends == [sent(.p2b(ballot: b(0, 1)), to: commander0)])
    }

    @Test("p2a with a ballot above the current one is adopted, then accepted (our departure: the acceptor missed that ballot's p1a)")
    func p2aHigherBallotAdoptedAndAccepted() {
        var acceptor = Acceptor<KV>(id: a0)
        acceptor.deliver(.p1a(ballot: b(0, 0)), from: scout0)
        let value = pv(b(0, 1), 1, put("k1", "v1"))
        let out = acceptor.deliver(.p2a(value), from: commander1)
        #expect(acceptor.accepted == [value])
        #expect(acceptor.ballotNumber == b(0, 1))
        #expect(out.sends == [sent(.p2b(ballot: b(0, 1)), to: commander1)])
        let late = acceptor.deliver(.p1a(ballot: b(0, 0)), from: scout0)
        #expect(late.sends == [sent(.p1b(ballot: b(0, 1), accepted: [value]), to: scout0)])
    }

    @Test("a fresh acceptor accepts the first p2a it sees, at that ballot")
    func p2aOnFreshAcceptor() {
        var acceptor = Acceptor<KV>(id: a0)
        let value = pv(b(2, 0), 4, put("k", "v"))
        acceptor.deliver(.p2a(value), from: commander0)
        #expect(acceptor.ballotNumber == b(2, 0))
        #expect(acceptor.accepted == [value])
    }

    @Test("two commands for one ballot and slot are both stored, so a broken leader cannot hide an A4 violation")
    func twoCommandsForOneBallotAndSlotBothStored() {
        var acceptor = Acceptor<KV>(id: a0)
        let x = pv(b(0, 0), 1, put("k", "x"))
        let y = pv(b(0, 0), 1, put("k", "y"))
        acceptor.deliver(.p2a(x), from: commander0)
        acceptor.deliver(.p2a(y), from: commander0)
        acceptor.deliver(.p2a(x), from: commander0)
        #expect(acceptor.accepted == [x, y])
    }

    @Test("a duplicated p2a is stored once and answered each time")
    func duplicateP2aStoredOnce() {
        var acceptor = Acceptor<KV>(id: a0)
        acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout1)
        let value = pv(b(0, 1), 1, put("k1", "v1"))
        acceptor.deliver(.p2a(value), from: commander1)
        let again = acceptor.deliver(.p2a(value), from: commander1)
        #expect(acceptor.accepted == [value])
        #expect(again.sends == [sent(.p2b(ballot: b(0, 1)), to: commander1)])
    }

    @Test("accepted pvalues are reported in later p1b messages, in the order accepted")
    func p1bCarriesAccepted() {
        var acceptor = Acceptor<KV>(id: a0)
        acceptor.deliver(.p1a(ballot: b(0, 0)), from: scout0)
        let first = pv(b(0, 0), 1, put("k1", "v1"))
        let second = pv(b(0, 0), 2, put("k2", "v2"))
        acceptor.deliver(.p2a(first), from: commander0)
        acceptor.deliver(.p2a(second), from: commander0)
        let out = acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout1)
        #expect(out.sends == [sent(.p1b(ballot: b(0, 1), accepted: [first, second]), to: scout1)])
        // After adopting 0.1, the same slot can be accepted again at the new ballot: both are kept.
        let third = pv(b(0, 1), 1, put("k1", "v9"))
        acceptor.deliver(.p2a(third), from: commander1)
        #expect(acceptor.accepted == [first, second, third])
    }

    @Test("replies go to the sender of the request, whoever it is", arguments: [
        ProcessID.scout(leader: 0, number: 1), .scout(leader: 2, number: 7), .leader(1),
    ])
    func repliesGoToSender(sender: ProcessID) {
        var acceptor = Acceptor<KV>(id: a2)
        let p1b = acceptor.deliver(.p1a(ballot: b(0, 2)), from: sender)
        #expect(p1b.destinations(of: .p1b) == [sender])
        let p2b = acceptor.deliver(.p2a(pv(b(0, 2), 1, get("k"))), from: sender)
        #expect(p2b.destinations(of: .p2b) == [sender])
    }

    @Test("messages that are not for acceptors are ignored", arguments: [
        Msg.ping, .pong, .p2b(ballot: b(5, 5)), .p1b(ballot: b(5, 5), accepted: []),
        .preempted(ballot: b(5, 5)), .decision(slot: 1, command: put("k", "v")),
    ])
    func ignoresOthers(message: Msg) {
        var acceptor = Acceptor<KV>(id: a0)
        let out = acceptor.deliver(message, from: l0)
        #expect(out.effects.isEmpty)
        #expect(acceptor.ballotNumber == .bottom)
    }
}

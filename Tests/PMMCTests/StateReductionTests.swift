import Testing
@testable import PMMC

/// State reduction (paper §4.1): an acceptor keeps only the highest-ballot pvalue of each slot.
@Suite("State reduction")
struct StateReductionTests {
    let commander0 = ProcessID.commander(leader: 0, number: 2)
    let commander1 = ProcessID.commander(leader: 1, number: 2)
    let reduced = Settings(garbageCollection: false)

    @Test("a pvalue of a higher ballot overwrites its slot's entry in place; other slots keep theirs, in order")
    func higherBallotOverwrites() {
        var acceptor = Acceptor<KV>(id: a0, settings: reduced)
        let first = pv(b(0, 0), 1, put("k", "A"))
        let second = pv(b(0, 0), 2, put("k", "B", id: 2))
        let overwrite = pv(b(1, 1), 1, put("k", "C", client: 1))
        acceptor.deliver(.p2a(first), from: commander0)
        acceptor.deliver(.p2a(second), from: commander0)
        let out = acceptor.deliver(.p2a(overwrite), from: commander1)
        #expect(acceptor.accepted == [overwrite, second])
        #expect(acceptor.retainedPValues == 2)
        #expect(out.observations == [.adopted(b(1, 1)), .accepted(overwrite)])
        #expect(acceptor.deliver(.p2a(overwrite), from: commander1).observations.isEmpty, "a duplicate changes nothing")
    }

    /// The paper's overwritten-history scenario: a0 accepted A at 0.0 in slot 1, then B at 1.1
    /// overwrote it, while a1 still holds A at 0.0. A new leader's scout hears a0 and a1. The
    /// reduced p1b reports B alone, the full history reports A and B, and pmax picks B from
    /// either: dropping the lower-ballot pvalue loses nothing a new leader needs.
    @Test("the overwritten history: a reduced p1b gives a new leader the same pmax as the full history")
    func overwrittenHistoryScenario() {
        let commandA = put("k", "A")
        let commandB = put("k", "B", client: 1)
        func history(_ settings: Settings) -> (p1b: [Msg], adopted: [Int: Cmd], accepted: Int) {
            var a0Acceptor = Acceptor<KV>(id: a0, settings: settings)
            var a1Acceptor = Acceptor<KV>(id: a1, settings: settings)
            a0Acceptor.deliver(.p2a(pv(b(0, 0), 1, commandA)), from: commander0)
            a1Acceptor.deliver(.p2a(pv(b(0, 0), 1, commandA)), from: commander0)
            a0Acceptor.deliver(.p2a(pv(b(1, 1), 1, commandB)), from: commander1)
            let scoutID = ProcessID.scout(leader: 2, number: 1)
            var scout = Scout<KV>(id: scoutID, leader: .leader(2), acceptors: [a0, a1, a2], ballot: b(2, 2), timer: RetransmitTimer(initial: settings.phaseRetransmit, adapting: nil))
            scout.started()
            let replies = [a0Acceptor.deliver(.p1a(ballot: b(2, 2)), from: scoutID).messages[0],
                           a1Acceptor.deliver(.p1a(ballot: b(2, 2)), from: scoutID).messages[0]]
            scout.deliver(replies[0], from: a0)
            let adopted = scout.deliver(replies[1], from: a1).messages
            guard case .adopted(_, let pvalues, _)? = adopted.first else { return (replies, [:], 0) }
            return (replies, pmax(pvalues), a0Acceptor.retainedPValues)
        }
        let full = history(.paper())
        let reduced = history(reduced)
        #expect(full.p1b[0].description == "p1b(2.2, [<0.0, 1, Put k A>, <1.1, 1, Put k B>])")
        #expect(reduced.p1b[0].description == "p1b(2.2, [<1.1, 1, Put k B>])")
        #expect(full.accepted == 2 && reduced.accepted == 1)
        #expect(full.adopted == [1: commandB])
        #expect(reduced.adopted == full.adopted)
    }

    @Test("Settings.paper() keeps figure 4's acceptor: every distinct pvalue, even of one slot")
    func paperKeepsEverything() {
        var acceptor = Acceptor<KV>(id: a0, settings: .paper())
        let low = pv(b(0, 0), 1, put("k", "A"))
        let high = pv(b(1, 1), 1, put("k", "B", client: 1))
        acceptor.deliver(.p2a(low), from: commander0)
        acceptor.deliver(.p2a(high), from: commander1)
        #expect(acceptor.accepted == [low, high])
    }
}

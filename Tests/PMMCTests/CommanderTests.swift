import Testing
@testable import PMMC

/// The commander of paper figure 6(a): phase 2 for one pvalue.
@Suite("Commander")
struct CommanderTests {
    static let id = ProcessID.commander(leader: 1, number: 2)
    static let value = pv(b(0, 1), 3, app("k1", "v1"))

    func makeCommander(acceptors: [ProcessID] = acceptors(3), value: PV = CommanderTests.value) -> Commander<KV> {
        Commander(
            id: Self.id, leader: l1, acceptors: acceptors, replicas: replicas(2), pvalue: value,
            timer: RetransmitTimer(initial: 40, adapting: nil))
    }

    @Test("start sends p2a to every acceptor and sets the phase timer")
    func start() {
        var commander = makeCommander()
        let out = commander.started()
        #expect(out.sends == sent(.p2a(Self.value), to: acceptors(3)))
        #expect(out.sends.first?.message.description == "p2a(<0.1, 3, App k1 v1>)")
        #expect(out.timers == [TimerSet(timer: .phaseRetransmit, after: 40)])
        #expect(out.exits == 0)
    }

    @Test("after a majority of p2b(b) the decision goes to every replica, then exit", arguments: [
        (3, 2), (4, 3), (5, 3),
    ])
    func decisionAfterMajority(acceptorCount: Int, majority: Int) {
        let all = acceptors(acceptorCount)
        var commander = makeCommander(acceptors: all)
        commander.started()
        for acceptor in all.suffix(majority - 1) {
            #expect(commander.deliver(.p2b(ballot: b(0, 1)), from: acceptor).effects.isEmpty)
        }
        let out = commander.deliver(.p2b(ballot: b(0, 1)), from: all[0])
        #expect(out.sends == sent(.decision(slot: 3, command: app("k1", "v1")), to: replicas(2)))
        #expect(out.lines.last == "exit")
        #expect(out.exits == 1)
    }

    @Test("a duplicated p2b from one acceptor does not count twice")
    func duplicateDoesNotCountTwice() {
        var commander = makeCommander()
        commander.started()
        commander.deliver(.p2b(ballot: b(0, 1)), from: a1)
        #expect(commander.deliver(.p2b(ballot: b(0, 1)), from: a1).effects.isEmpty)
        #expect(commander.waitFor == [a0, a2])
    }

    @Test("a p2b with a higher ballot preempts: preempted(b') to the leader, then exit")
    func preemptedOnHigherBallot() {
        var commander = makeCommander()
        commander.started()
        commander.deliver(.p2b(ballot: b(0, 1)), from: a0)
        let out = commander.deliver(.p2b(ballot: b(0, 2)), from: a1)
        #expect(out.lines == ["send preempted(0.2) → l1", "exit"])
        #expect(out.destinations(of: .decision).isEmpty)
    }

    @Test("a p2b with a lower ballot is ignored and does not count")
    func lowerBallotIgnored() {
        var commander = makeCommander(value: pv(b(1, 1), 3, app("k1", "v1")))
        commander.started()
        #expect(commander.deliver(.p2b(ballot: b(1, 0)), from: a0).effects.isEmpty)
        #expect(commander.deliver(.p2b(ballot: .bottom), from: a1).effects.isEmpty)
        #expect(commander.waitFor == acceptors(3))
        // One real acceptance is still not a majority: the ignored replies did not count.
        #expect(commander.deliver(.p2b(ballot: b(1, 1)), from: a2).effects.isEmpty)
    }

    @Test("the timer resends p2a only to the acceptors still waited for")
    func timerResendsToMissing() {
        var commander = makeCommander(acceptors: acceptors(5))
        commander.started()
        commander.deliver(.p2b(ballot: b(0, 1)), from: .acceptor(0))
        commander.deliver(.p2b(ballot: b(0, 1)), from: .acceptor(4))
        let out = commander.fire(.phaseRetransmit)
        #expect(out.sends == sent(.p2a(Self.value), to: [.acceptor(1), .acceptor(2), .acceptor(3)]))
        #expect(out.timers == [TimerSet(timer: .phaseRetransmit, after: 40)])
        #expect(commander.fire(.requestRetransmit(requestID: 1)).effects.isEmpty)
    }
}

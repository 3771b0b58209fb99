import Testing
@testable import PMMC

/// Garbage collection (paper §4.2), role by role: replicas report, leaders and acceptors drop
/// what every replica has executed, p1b and adopted carry the collected-below slot.
@Suite("Garbage collection")
struct GarbageCollectionTests {
    let settings = Settings(failureDetection: nil)
    let scout = ProcessID.scout(leader: 0, number: 1)
    let commander = ProcessID.commander(leader: 0, number: 2)

    /// An active leader l0 of replicas r0, r1 and acceptors a0…a2 with proposals in slots 1…4.
    func activeLeader() -> Leader<KV> {
        var leader = Leader<KV>(id: l0, acceptors: acceptors(3), replicas: replicas(2), settings: settings)
        leader.started()
        leader.deliver(.adopted(ballot: b(0, 0), pvalues: []), from: scout)
        for slot in 1...4 {
            leader.deliver(.propose(slot: slot, command: put("k", "v\(slot)", id: slot), retry: false), from: r0)
        }
        return leader
    }

    @Test("a leader collects only below the slot every replica has executed, and tells the acceptors once")
    func leaderWaitsForEveryReplica() {
        var leader = activeLeader()
        let first = leader.deliver(.executed(slotOut: 4), from: r0)
        #expect(first.sends.isEmpty, "r1 has not reported yet")
        #expect(leader.retainedProposals == 4)
        let second = leader.deliver(.executed(slotOut: 3), from: r1)
        #expect(second.sends == sent(.collect(below: 3), to: acceptors(3)))
        #expect(second.observations == [.collected(below: 3)])
        #expect(leader.collectedBelow == 3)
        #expect(leader.proposals.keys.sorted() == [3, 4])
        #expect(leader.deliver(.executed(slotOut: 3), from: r1).observations == [.ignored], "an old report")
        #expect(leader.deliver(.executed(slotOut: 9), from: .replica(9)).observations == [.ignored], "not a replica of its configuration")
        let late = leader.deliver(.propose(slot: 2, command: put("k", "x", client: 1), retry: true), from: r1)
        #expect(late.observations == [.ignored] && late.commanders.isEmpty, "a collected slot is not proposed again")
    }

    @Test("an acceptor drops the pvalues below gc(s), answers p1b with s, and answers a p2a below s without storing it")
    func acceptorCollects() {
        var acceptor = Acceptor<KV>(id: a0, settings: settings)
        for slot in 1...4 {
            acceptor.deliver(.p2a(pv(b(0, 0), slot, put("k", "v\(slot)", id: slot))), from: commander)
        }
        let out = acceptor.deliver(.collect(below: 3), from: l0)
        #expect(out.observations == [.collected(below: 3)] && out.sends.isEmpty)
        #expect(acceptor.accepted.map(\.slot) == [3, 4])
        #expect(acceptor.retainedBytes > 0)
        #expect(acceptor.deliver(.collect(below: 2), from: l1).observations == [.ignored])
        let p1b = acceptor.deliver(.p1a(ballot: b(1, 1)), from: .scout(leader: 1, number: 1))
        #expect(p1b.messages.map(\.description) == ["p1b(1.1, [<0.0, 3, Put k v3>, <0.0, 4, Put k v4>], below 3)"])
        let stale = acceptor.deliver(.p2a(pv(b(1, 1), 1, put("k", "v1", id: 1))), from: .commander(leader: 1, number: 2))
        #expect(stale.messages == [.p2b(ballot: b(1, 1))])
        #expect(!stale.observations.contains(.accepted(pv(b(1, 1), 1, put("k", "v1", id: 1)))))
        #expect(acceptor.retainedPValues == 2)
    }

    @Test("a scout passes on the highest collected-below slot of its majority and only the pvalues above it")
    func scoutSkipsCollectedSlots() {
        var scout = Scout<KV>(id: self.scout, leader: l0, acceptors: acceptors(3), ballot: b(1, 0), timer: RetransmitTimer(initial: settings.phaseRetransmit, adapting: nil))
        scout.started()
        let old = pv(b(0, 1), 2, put("k", "old"))
        let live = pv(b(0, 1), 5, put("k", "live", id: 2))
        scout.deliver(.p1b(ballot: b(1, 0), accepted: [old, live], collectedBelow: 1), from: a0)
        let out = scout.deliver(.p1b(ballot: b(1, 0), accepted: [live], collectedBelow: 4), from: a1)
        #expect(out.messages == [.adopted(ballot: b(1, 0), pvalues: [live], collectedBelow: 4)])
    }

    @Test("a new leader adopted with collected-below s drops its proposals below s and runs phase 2 only from s")
    func newLeaderSkipsCollectedSlots() {
        var leader = Leader<KV>(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: settings)
        leader.started()
        for slot in 1...6 {
            leader.deliver(.propose(slot: slot, command: put("k", "v\(slot)", id: slot), retry: false), from: r0)
        }
        let chosen = pv(b(0, 0), 6, put("k", "chosen", client: 1))
        let out = leader.deliver(.adopted(ballot: b(0, 1), pvalues: [chosen], collectedBelow: 5), from: .scout(leader: 1, number: 1))
        #expect(out.commanders.map(\.pvalue.slot) == [5, 6])
        #expect(out.commanders.last?.pvalue.command == chosen.command)
        #expect(leader.collectedBelow == 5)
        #expect(leader.retainedProposals == 2)
    }

    @Test("a replica reports slot_out to its leaders when it moved and to the other replicas every interval, and keeps its last decisions")
    func replicaReportsAndTrimsItsLog() {
        var settings = Settings(failureDetection: nil, executedReportInterval: 10, retainedDecisions: 2)
        settings.window = 5
        var replica = Replica<KV>(id: r0, leaders: leaders(2), replicas: replicas(2), settings: settings)
        let first = replica.deliver(.decision(slot: 1, command: put("k", "v1")), from: commander)
        #expect(first.timers.contains(TimerSet(timer: .executedReport, after: 10)))
        for slot in 2...5 {
            replica.deliver(.decision(slot: slot, command: put("k", "v\(slot)", id: slot)), from: commander)
        }
        let report = replica.fire(.executedReport)
        #expect(report.sends == sent(.executed(slotOut: 6), to: leaders(2)) + [sent(.executed(slotOut: 6), to: r1)])
        #expect(report.observations == [.collected(below: 4)])
        #expect(replica.logStart == 4 && replica.retainedDecisions == 2)
        #expect(replica.log == [put("k", "v4", id: 4), put("k", "v5", id: 5)])
        #expect(replica.state.storage["k"] == "v5", "the state still holds every slot")
        let quiet = replica.fire(.executedReport)
        #expect(quiet.sends == [sent(.executed(slotOut: 6), to: r1)], "leaders hear only of progress")
        #expect(replica.deliver(.decision(slot: 2, command: put("k", "v2", id: 2)), from: commander).observations == [.ignored])
    }
}

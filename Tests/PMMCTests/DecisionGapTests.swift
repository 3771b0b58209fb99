import Testing
@testable import PMMC

/// Catch-up's repair of a missed decision (``DecisionGap``): a replica stuck at `slot_out`
/// while it holds a later decision waits as long as late decisions take, then asks the other
/// replicas and proposes for `slot_out` again.
@Suite struct DecisionGapTests {
    static let settings = Settings(
        requestRetransmit: 200, proposalRetransmit: 100, phaseRetransmit: 50,
        adaptiveRetransmission: .init(minimum: 2), garbageCollection: false, catchUp: true)
    static let commander = ProcessID.commander(leader: 0, number: 1)

    static func replica(_ settings: Settings = settings) -> Replica<KV> {
        Replica<KV>(id: r0, leaders: [l0], replicas: replicas(2), settings: settings)
    }

    static func gapTimers(_ outbox: Box) -> [TimerSet] {
        outbox.timers.filter { $0.timer == .missingDecision }
    }

    @Test("a gap that outlasts the wait is repaired: catchUp to the other replicas and a no-op for slot_out, again after the doubled wait")
    func repairsAGapThatLasts() {
        var replica = Self.replica()
        let opened = replica.deliver(.decision(slot: 2, command: get("k", id: 1)), from: Self.commander, at: 100)
        #expect(Self.gapTimers(opened) == [TimerSet(timer: .missingDecision, after: 50)], "no sample yet: the fixed phase interval")
        let early = replica.fire(.missingDecision, at: 130)
        #expect(early.messages.isEmpty)
        #expect(Self.gapTimers(early) == [TimerSet(timer: .missingDecision, after: 20)])
        let repair = replica.fire(.missingDecision, at: 150)
        let noop = Cmd(client: r0, requestID: 1, body: .noop)
        #expect(repair.sends == [sent(.catchUp(slotOut: 1), to: r1), sent(.propose(slot: 1, command: noop, retry: true), to: l0)])
        #expect(Self.gapTimers(repair) == [TimerSet(timer: .missingDecision, after: 50)], "doubled, capped at the fixed interval")
        replica.deliver(.decision(slot: 1, command: put("k", "v", client: 1, id: 1)), from: Self.commander, at: 160)
        #expect(replica.slotOut == 3)
        let closed = replica.fire(.missingDecision, at: 200)
        #expect(closed.messages.isEmpty && Self.gapTimers(closed).isEmpty, "the gap closed: nothing to repair")
    }

    @Test("a gap that closes by itself is a sample: the next gap waits about as long as late decisions took")
    func lateDecisionIsASample() {
        var replica = Self.replica()
        replica.deliver(.decision(slot: 2, command: get("k", id: 1)), from: Self.commander, at: 100)
        replica.deliver(.decision(slot: 1, command: put("k", "v", client: 1, id: 1)), from: Self.commander, at: 104)
        #expect(replica.fire(.missingDecision, at: 150).effects.isEmpty)
        let next = replica.deliver(.decision(slot: 4, command: get("k", client: 2, id: 1)), from: Self.commander, at: 200)
        #expect(Self.gapTimers(next) == [TimerSet(timer: .missingDecision, after: 12)], "SRTT 4 + 4 × RTTVAR 2")
    }

    @Test("without catch-up (the paper's settings) or without other replicas, a replica does not watch for gaps")
    func onlyWithCatchUpAndPeers() {
        var paper = Self.replica(.paper())
        #expect(Self.gapTimers(paper.deliver(.decision(slot: 2, command: get("k", id: 1)), from: Self.commander)).isEmpty)
        var alone = Replica<KV>(id: r0, leaders: [l0], replicas: [r0], settings: Self.settings)
        #expect(Self.gapTimers(alone.deliver(.decision(slot: 2, command: get("k", id: 1)), from: Self.commander)).isEmpty)
    }
}

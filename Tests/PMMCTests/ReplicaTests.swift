import Testing
@testable import PMMC

/// The replica of paper figure 1, with client sessions, reconfiguration and re-proposals.
@Suite("Replica")
struct ReplicaTests {
    static let settings = Settings(
        window: 5, proposalRetransmit: 100, adaptiveRetransmission: nil, garbageCollection: false, catchUp: false, batching: nil,
        broadcastRequests: true)
    /// The configuration a reconfiguration switches to: leader l2, acceptors a3…a5.
    static let next = try! Configuration(replicas: 2, leaders: 1, acceptors: 3, firstLeader: 2, firstAcceptor: 3)

    func makeReplica(leaders: [ProcessID] = [l0, l1], window: Int = 5) -> Replica<KV> {
        var settings = Self.settings
        settings.window = window
        return Replica(id: r0, leaders: leaders, settings: settings)
    }

    /// The slots of the `propose` messages sent, once per slot, in order.
    func proposedSlots(_ out: Box) -> [Int] {
        var slots: [Int] = []
        for case .propose(let slot, _, _) in out.messages where slots.last != slot { slots.append(slot) }
        return slots
    }

    /// A no-op made by replica r0 with the given sequence number.
    func noop(_ number: Int) -> Cmd { Command(client: r0, requestID: number, body: .noop) }

    // MARK: Proposing

    @Test("a request is proposed for slot_in to every leader, and a re-proposal timer is set")
    func requestIsProposed() {
        var replica = makeReplica()
        let out = replica.deliver(.request(put("k1", "v1")), from: c0)
        #expect(out.sends == sent(.propose(slot: 1, command: put("k1", "v1"), retry: false), to: [l0, l1]))
        #expect(out.timers == [TimerSet(timer: .proposalRetransmit, after: 100)])
        #expect(replica.slotIn == 2)
        #expect(replica.proposals == [1: put("k1", "v1")])
        #expect(replica.requests.isEmpty)
    }

    @Test("with WINDOW=5 and 7 requests only 5 are proposed; slot_in stops at slot_out + 5")
    func windowLimitsProposals() {
        var replica = makeReplica()
        var slots: [Int] = []
        var timers = 0
        for client in 0..<7 {
            let out = replica.deliver(.request(put("k\(client)", "v", client: client)), from: .client(client))
            slots += proposedSlots(out)
            timers += out.timers.count
        }
        #expect(slots == [1, 2, 3, 4, 5])
        #expect(replica.slotIn == 6)
        #expect(replica.slotOut == 1)
        #expect(replica.slotIn == replica.slotOut + 5)
        #expect(replica.requests == [put("k5", "v", client: 5), put("k6", "v", client: 6)])
        #expect(timers == 1)
        // Deciding slot 1 frees one slot of the window: exactly one more proposal goes out.
        let out = replica.deliver(.decision(slot: 1, command: put("k0", "v", client: 0)), from: .commander(leader: 0, number: 2))
        #expect(proposedSlots(out) == [6])
        #expect(out.messages.contains(.propose(slot: 6, command: put("k5", "v", client: 5), retry: false)))
        #expect(replica.slotIn == 7 && replica.slotOut == 2)
        #expect(replica.requests == [put("k6", "v", client: 6)])
    }

    @Test("a request already waiting for a slot is not proposed twice")
    func duplicateRequestWhilePending() {
        var replica = makeReplica()
        replica.deliver(.request(put("k1", "v1")), from: c0)
        let again = replica.deliver(.request(put("k1", "v1")), from: c0)
        #expect(again.destinations(of: .propose).isEmpty)
        #expect(replica.slotIn == 2)
    }

    @Test("a slot already decided is skipped when proposing")
    func decidedSlotSkipped() {
        var replica = makeReplica()
        replica.deliver(.decision(slot: 2, command: put("k2", "v2", client: 1)), from: .commander(leader: 0, number: 2))
        let out1 = replica.deliver(.request(put("k1", "v1")), from: c0)
        let out2 = replica.deliver(.request(put("k3", "v3", client: 2)), from: c2)
        #expect(proposedSlots(out1) == [1])
        #expect(proposedSlots(out2) == [3])
        #expect(replica.slotIn == 4)
    }

    // MARK: Deciding

    @Test("decisions are applied in slot order even when they arrive out of order")
    func decisionsAppliedInSlotOrder() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 0, number: 2)
        #expect(replica.deliver(.decision(slot: 3, command: get("k1", client: 2)), from: commander).sends.isEmpty)
        #expect(replica.deliver(.decision(slot: 2, command: app("k1", "b", client: 1)), from: commander).sends.isEmpty)
        #expect(replica.slotOut == 1)
        #expect(replica.state.storage.isEmpty)
        let out = replica.deliver(.decision(slot: 1, command: put("k1", "a", client: 0)), from: commander)
        #expect(out.sends == [
            sent(.response(requestID: 1, output: ""), to: c0),
            sent(.response(requestID: 1, output: ""), to: c1),
            sent(.response(requestID: 1, output: "ab"), to: c2),
        ])
        #expect(replica.slotOut == 4)
        #expect(replica.log == [put("k1", "a", client: 0), app("k1", "b", client: 1), get("k1", client: 2)])
        #expect(replica.state.storage == ["k1": "ab"])
    }

    @Test("a second decision for a decided slot is ignored")
    func secondDecisionForSlotIgnored() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 0, number: 2)
        replica.deliver(.decision(slot: 1, command: put("k1", "a", client: 0)), from: commander)
        let out = replica.deliver(.decision(slot: 1, command: put("k1", "b", client: 1)), from: commander)
        #expect(out.sends.isEmpty)
        #expect(replica.log == [put("k1", "a", client: 0)])
        #expect(replica.state.storage == ["k1": "a"])
    }

    @Test("a proposal displaced by another command is proposed again in the next free slot (slides' example)")
    func displacedProposalRequeued() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 1, number: 2)
        let mine = app("k1", "v1", client: 2)
        #expect(proposedSlots(replica.deliver(.request(mine), from: c2)) == [1])
        // Slot 2 is decided first, then slot 1 goes to someone else's command.
        #expect(replica.deliver(.decision(slot: 2, command: put("k2", "v2", client: 1)), from: commander).sends.isEmpty)
        let out = replica.deliver(.decision(slot: 1, command: put("k1", "v1", client: 0)), from: commander)
        #expect(replica.displacedProposals == 1)
        #expect(out.messages.filter { $0.kind == .propose } == [
            .propose(slot: 3, command: mine, retry: false), .propose(slot: 3, command: mine, retry: false),
        ])
        #expect(replica.proposals == [3: mine])
        #expect(replica.slotOut == 3 && replica.slotIn == 4)
        // The rest of the slides' log.
        replica.deliver(.decision(slot: 3, command: mine), from: commander)
        replica.deliver(.decision(slot: 4, command: put("k3", "v3", client: 0, id: 2)), from: commander)
        replica.deliver(.decision(slot: 5, command: app("k2", "v2", client: 1, id: 2)), from: commander)
        #expect(replica.log.map(\.description) == ["Put k1 v1", "Put k2 v2", "App k1 v1", "Put k3 v3", "App k2 v2"])
        #expect(replica.state.storage == ["k1": "v1v1", "k2": "v2v2", "k3": "v3"])
        #expect(replica.proposals.isEmpty)
    }

    @Test("a proposal displaced by its own command, already executed in an earlier slot, is not proposed again")
    func displacedButAlreadyExecuted() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 1, number: 2)
        let other = put("k0", "v", client: 0)
        let mine = app("k1", "v1", client: 2)
        #expect(proposedSlots(replica.deliver(.request(other), from: c0)) == [1])
        #expect(proposedSlots(replica.deliver(.request(mine), from: c2)) == [2])
        // Slot 1 goes to `mine` (another replica proposed it there): `other` is displaced to slot 3.
        let first = replica.deliver(.decision(slot: 1, command: mine), from: commander)
        #expect(proposedSlots(first) == [3])
        #expect(replica.displacedProposals == 1)
        // Slot 2, where this replica proposed `mine`, goes to `other`: `mine` already ran, so it is dropped.
        let second = replica.deliver(.decision(slot: 2, command: other), from: commander)
        #expect(second.destinations(of: .propose).isEmpty)
        #expect(replica.requests.isEmpty)
        #expect(replica.displacedProposals == 1)
        #expect(replica.state.storage == ["k0": "v", "k1": "v1"])
    }

    @Test("a command decided in two slots is executed once")
    func duplicateDecisionExecutedOnce() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 0, number: 2)
        let command = app("k1", "x", client: 1)
        let first = replica.deliver(.decision(slot: 1, command: command), from: commander)
        let second = replica.deliver(.decision(slot: 2, command: command), from: commander)
        #expect(first.sends == [sent(.response(requestID: 1, output: ""), to: c1)])
        #expect(second.sends.isEmpty)
        #expect(replica.duplicatesSkipped == 1)
        #expect(replica.state.storage == ["k1": "x"])
        #expect(replica.slotOut == 3)
        #expect(replica.log == [command, command])
    }

    @Test("a retransmitted request that was already executed is answered from the session, not re-executed")
    func executedRequestAnsweredFromSession() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 0, number: 2)
        replica.deliver(.decision(slot: 1, command: put("k1", "v1", client: 1)), from: commander)
        let read = replica.deliver(.decision(slot: 2, command: get("k1", client: 0)), from: commander)
        #expect(read.sends == [sent(.response(requestID: 1, output: "v1"), to: c0)])
        replica.deliver(.decision(slot: 3, command: put("k1", "v2", client: 1, id: 2)), from: commander)

        let again = replica.deliver(.request(get("k1", client: 0)), from: c0)
        #expect(again.sends == [sent(.response(requestID: 1, output: "v1"), to: c0)])
        #expect(replica.requests.isEmpty && replica.proposals.isEmpty)
        #expect(replica.slotIn == 1)
        #expect(replica.state.storage == ["k1": "v2"])
        #expect(replica.sessions[c0] == Replica<KV>.Session(requestID: 1, output: "v1"))

        // An even older request of a client gets no answer at all.
        #expect(replica.deliver(.request(put("k1", "v1", client: 1)), from: c1).effects.isEmpty)
    }

    @Test("without broadcastRequests a replica answers only the requests it received, and a retransmitted one from the session")
    func answersOnlyRequestsItReceived() {
        var settings = Self.settings
        settings.broadcastRequests = false
        var replica = Replica<KV>(id: r0, leaders: [l0, l1], settings: settings)
        let commander = ProcessID.commander(leader: 0, number: 2)
        replica.deliver(.request(put("k", "a", client: 0)), from: c0)
        let decided = replica.deliver(.decision(slot: 1, command: put("k", "a", client: 0)), from: commander)
        #expect(decided.sends == [sent(.response(requestID: 1, output: ""), to: c0)])
        let other = replica.deliver(.decision(slot: 2, command: app("k", "b", client: 1)), from: commander)
        #expect(other.sends.isEmpty, "c1 sent its request to another replica")
        #expect(replica.state.storage == ["k": "ab"])
        let again = replica.deliver(.request(app("k", "b", client: 1)), from: c1)
        #expect(again.sends == [sent(.response(requestID: 1, output: ""), to: c1)], "a retransmission is answered from the session")
    }

    // MARK: Reconfiguration

    @Test("a reconfiguration decided in slot s answers its client with nil and moves leaders only from slot s+WINDOW")
    func reconfigurationTakesEffectAfterWindow() {
        var replica = makeReplica(leaders: [l0, l1])
        let commander = ProcessID.commander(leader: 0, number: 2)
        let change = reconfig(Self.next, client: 0)
        // Slots 1…5: the reconfiguration and four client requests, all to the old leaders.
        var out = replica.deliver(.request(change), from: c0)
        for client in 1...6 {
            out = replica.deliver(.request(put("k\(client)", "v", client: client)), from: .client(client))
            #expect(out.destinations(of: .propose).allSatisfy { $0 == l0 || $0 == l1 })
        }
        #expect(replica.slotIn == 6)
        let decided = replica.deliver(.decision(slot: 1, command: change), from: commander)
        #expect(decided.sends.contains(sent(.response(requestID: 1, output: nil), to: c0)))
        #expect(replica.sessions[c0] == Replica<KV>.Session(requestID: 1, output: nil))
        // Slot 6 = 1 + WINDOW is the first one proposed to the new leaders; no no-op was needed.
        #expect(decided.sends.filter { $0.message.kind == .propose } ==
            [sent(.propose(slot: 6, command: put("k5", "v", client: 5), retry: false), to: l2)])
        #expect(replica.leaders == [l2])
    }

    @Test("a reconfiguration decided in slot s sends proposals for slots before s+WINDOW to the old leaders, from s+WINDOW to the new", arguments: [1, 2, 3])
    func reconfigurationSwitchesAtSlotPlusWindow(slot: Int) {
        var replica = makeReplica(leaders: [l0])
        let commander = ProcessID.commander(leader: 0, number: 2)
        var destinations: [Int: [ProcessID]] = [:]
        func record(_ out: Box) {
            for item in out.sends {
                if case .propose(let proposed, _, _) = item.message { destinations[proposed, default: []].append(item.to) }
            }
        }
        for earlier in 1..<slot {
            let command = put("k", "v", client: 9, id: earlier)
            record(replica.deliver(.request(command), from: .client(9)))
            replica.deliver(.decision(slot: earlier, command: command), from: commander)
        }
        let change = reconfig(Self.next, client: 0)
        record(replica.deliver(.request(change), from: c0))
        record(replica.deliver(.decision(slot: slot, command: change), from: commander))
        for client in 1...3 {
            record(replica.deliver(.request(put("k", "\(client)", client: client)), from: .client(client)))
        }
        for (offset, filled) in (slot + 1..<slot + 5).enumerated() {
            record(replica.deliver(.decision(slot: filled, command: noop(offset + 1)), from: commander))
        }
        #expect(destinations.keys.sorted() == Array(1...slot + 7))
        for (proposed, sentTo) in destinations {
            #expect(sentTo == (proposed < slot + 5 ? [l0] : [l2]), "slot \(proposed)")
        }
    }

    @Test("when idle, a performed reconfiguration fills the slots before it takes effect with no-ops")
    func noopFillWhenIdle() {
        var replica = makeReplica(leaders: [l0])
        let commander = ProcessID.commander(leader: 0, number: 2)
        let change = reconfig(Self.next, client: 0)
        replica.deliver(.request(change), from: c0)
        let out = replica.deliver(.decision(slot: 1, command: change), from: commander)
        #expect(out.sends == [sent(.response(requestID: 1, output: nil), to: c0)] + [
            sent(.propose(slot: 2, command: noop(1), retry: false), to: l0),
            sent(.propose(slot: 3, command: noop(2), retry: false), to: l0),
            sent(.propose(slot: 4, command: noop(3), retry: false), to: l0),
            sent(.propose(slot: 5, command: noop(4), retry: false), to: l0),
        ])
        #expect(replica.slotIn == 6)
        #expect(replica.requests.isEmpty)
        #expect(replica.leaders == [l0])
        // Decided no-ops do nothing and answer no one; the next request goes to the new leader.
        for slot in 2...5 {
            #expect(replica.deliver(.decision(slot: slot, command: noop(slot - 1)), from: commander).sends.isEmpty)
        }
        #expect(replica.slotOut == 6)
        let next = replica.deliver(.request(put("k1", "v1", client: 1)), from: c1)
        #expect(next.sends == [sent(.propose(slot: 6, command: put("k1", "v1", client: 1), retry: false), to: l2)])
    }

    @Test("a displaced no-op is dropped, not proposed again")
    func displacedNoopDropped() {
        var replica = makeReplica(leaders: [l0])
        let commander = ProcessID.commander(leader: 0, number: 2)
        let change = reconfig(Self.next, client: 0)
        replica.deliver(.request(change), from: c0)
        replica.deliver(.decision(slot: 1, command: change), from: commander)
        let out = replica.deliver(.decision(slot: 2, command: put("k1", "v1", client: 1)), from: commander)
        #expect(out.destinations(of: .propose).isEmpty)
        #expect(replica.requests.isEmpty)
        #expect(replica.displacedProposals == 0)
    }

    /// The no-op fill is meant to give a proposal to every slot before `s + WINDOW` that has
    /// none. A replica that only learned decisions (its `slotIn` still at 1) must not count the
    /// slots already decided, and must not push no-ops into the new configuration's slots.
    @Test("no-op fill after a reconfiguration counts only the undecided slots before it takes effect")
    func noopFillWhenSlotInLags() {
        var replica = makeReplica(leaders: [l0])
        let commander = ProcessID.commander(leader: 0, number: 2)
        for slot in 1...3 {
            replica.deliver(.decision(slot: slot, command: put("k\(slot)", "v", client: slot)), from: commander)
        }
        #expect(replica.slotOut == 4 && replica.slotIn == 1)
        let out = replica.deliver(.decision(slot: 4, command: reconfig(Self.next, client: 0)), from: commander)
        // Slots 5…8 lie between the reconfiguration (slot 4) and its effect (slot 9).
        #expect(proposedSlots(out) == [5, 6, 7, 8])
        #expect(out.destinations(of: .propose).allSatisfy { $0 == l0 })
        #expect(replica.requests.isEmpty, "no-ops left queued: \(replica.requests)")
    }

    /// Sessions make a command decided twice take effect once. A reconfiguration decided again
    /// in a later slot (a late proposal of a retransmitted request) is such a duplicate: it must
    /// not switch the leaders back to its configuration WINDOW slots later.
    @Test("a reconfiguration decided twice switches leaders once; the duplicate does not undo a newer one")
    func duplicateReconfigurationIgnored() throws {
        var replica = makeReplica(leaders: [l0])
        let commander = ProcessID.commander(leader: 0, number: 2)
        let first = reconfig(try Configuration(replicas: 2, leaders: 1, acceptors: 3, firstLeader: 1, firstAcceptor: 3), client: 0, id: 1)
        let second = reconfig(Self.next, client: 0, id: 2)
        replica.deliver(.request(first), from: c0)  // slot 1
        replica.deliver(.decision(slot: 1, command: first), from: commander)  // no-ops for 2…5
        replica.deliver(.decision(slot: 2, command: second), from: commander)
        let duplicate = replica.deliver(.decision(slot: 3, command: first), from: commander)
        #expect(replica.duplicatesSkipped == 1)
        #expect(duplicate.sends.isEmpty)
        // Slot 6 = 1 + WINDOW belongs to l1, slot 7 = 2 + WINDOW to l2, and slot 8 still to l2.
        let slot7 = replica.deliver(.request(put("k1", "v1", client: 1)), from: c1)
        let slot8 = replica.deliver(.request(put("k2", "v2", client: 2)), from: c2)
        #expect(slot7.sends == [sent(.propose(slot: 7, command: put("k1", "v1", client: 1), retry: false), to: l2)])
        #expect(slot8.sends == [sent(.propose(slot: 8, command: put("k2", "v2", client: 2), retry: false), to: l2)])
        #expect(replica.leaders == [l2])
    }

    // MARK: Re-proposing

    @Test("the re-proposal timer proposes undecided proposals again with retry only when slot_out has not moved")
    func retransmitOnlyWithoutProgress() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 0, number: 2)
        replica.deliver(.request(put("k1", "v1", client: 1)), from: c1)
        replica.deliver(.request(put("k2", "v2", client: 2)), from: c2)

        // No progress since the start: both proposals go again, marked retry.
        var out = replica.fire(.proposalRetransmit)
        #expect(out.sends ==
            sent(.propose(slot: 1, command: put("k1", "v1", client: 1), retry: true), to: [l0, l1])
            + sent(.propose(slot: 2, command: put("k2", "v2", client: 2), retry: true), to: [l0, l1]))
        #expect(out.timers == [TimerSet(timer: .proposalRetransmit, after: 100)])

        // Slot 1 is decided: slot_out moved, so the next check re-proposes nothing.
        replica.deliver(.decision(slot: 1, command: put("k1", "v1", client: 1)), from: commander)
        out = replica.fire(.proposalRetransmit)
        #expect(out.destinations(of: .propose).isEmpty)
        #expect(out.timers == [TimerSet(timer: .proposalRetransmit, after: 100)])

        // No progress since then: the one still undecided goes again.
        out = replica.fire(.proposalRetransmit)
        #expect(out.messages == [
            .propose(slot: 2, command: put("k2", "v2", client: 2), retry: true),
            .propose(slot: 2, command: put("k2", "v2", client: 2), retry: true),
        ])

        // All decided: nothing to re-propose and the timer is not set again.
        replica.deliver(.decision(slot: 2, command: put("k2", "v2", client: 2)), from: commander)
        out = replica.fire(.proposalRetransmit)
        #expect(out.effects.isEmpty)
    }

    @Test("re-proposals go to the leaders of their slot's configuration")
    func retransmitToLeadersOfSlot() {
        var replica = makeReplica(leaders: [l0])
        let commander = ProcessID.commander(leader: 0, number: 2)
        let change = reconfig(Self.next, client: 0)
        replica.deliver(.request(change), from: c0)
        replica.deliver(.decision(slot: 1, command: change), from: commander)  // no-ops for 2…5 to l0
        replica.deliver(.request(put("k1", "v1", client: 1)), from: c1)  // slot 6 to l2
        replica.fire(.proposalRetransmit)  // slot_out moved from 1 to 2: nothing re-proposed
        let out = replica.fire(.proposalRetransmit)
        var expected: [Sent] = []
        for slot in 2...5 { expected.append(sent(.propose(slot: slot, command: noop(slot - 1), retry: true), to: l0)) }
        expected.append(sent(.propose(slot: 6, command: put("k1", "v1", client: 1), retry: true), to: l2))
        #expect(out.sends == expected)
    }

    @Test("a replica that missed a decision it never proposed for asks for slot_out with a no-op, only without progress")
    func missedDecisionFilledWithNoop() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 0, number: 2)
        // Slot 2 is decided, slot 1 (which this replica never proposed for) is not: stuck.
        let out = replica.deliver(.decision(slot: 2, command: put("k2", "v2", client: 2)), from: commander)
        #expect(replica.slotOut == 1)
        #expect(out.timers == [TimerSet(timer: .proposalRetransmit, after: 100)])

        let retry = replica.fire(.proposalRetransmit)
        let noop = Command<KV>(client: r0, requestID: 1, body: .noop)
        #expect(retry.sends == sent(.propose(slot: 1, command: noop, retry: true), to: [l0, l1]))
        #expect(replica.proposals.isEmpty, "the no-op is a request for the decision, not a proposal of ours")

        // The decision for slot 1 arrives (another command won): both slots apply, nothing more to ask.
        replica.deliver(.decision(slot: 1, command: put("k1", "v1", client: 1)), from: commander)
        #expect(replica.slotOut == 3)
        #expect(replica.fire(.proposalRetransmit).effects.isEmpty)
    }

    @Test("a replica whose slot_in lags behind slot_out still asks for a missed decision")
    func missedDecisionWithSlotInBehind() {
        var replica = makeReplica()
        let commander = ProcessID.commander(leader: 0, number: 2)
        // Decisions for slots 1, 2 and 4 arrive; this replica proposed nothing, so slot_in stays 1.
        replica.deliver(.decision(slot: 1, command: put("k1", "v1", client: 1)), from: commander)
        replica.deliver(.decision(slot: 2, command: put("k2", "v2", client: 2)), from: commander)
        replica.deliver(.decision(slot: 4, command: put("k4", "v4", client: 1, id: 2)), from: commander)
        #expect(replica.slotIn == 1 && replica.slotOut == 3)

        // slot_out moved since the last check (1 → 3): no complaint yet.
        #expect(replica.fire(.proposalRetransmit).sends.isEmpty)
        // Stuck at 3 since then: ask for it.
        let retry = replica.fire(.proposalRetransmit)
        let noop = Command<KV>(client: r0, requestID: 1, body: .noop)
        #expect(retry.sends == sent(.propose(slot: 3, command: noop, retry: true), to: [l0, l1]))
    }

    @Test("messages and timers that are not for replicas are ignored")
    func ignoresOthers() {
        var replica = makeReplica()
        #expect(replica.deliver(.p1a(ballot: b(0, 0)), from: l0).effects.isEmpty)
        #expect(replica.deliver(.response(requestID: 1, output: ""), from: r1).effects.isEmpty)
        #expect(replica.fire(.phaseRetransmit).effects.isEmpty)
    }
}

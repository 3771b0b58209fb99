import Testing
@testable import PMMC

/// Batching (``Settings/batching``): a replica gathers requests into one slot's command and
/// performs a batch's commands in order, each at most once.
@Suite("Batching")
struct BatchingTests {
    static func settings(size: Int, delay: Int, window: Int = 5) -> Settings {
        Settings(
            window: window, proposalRetransmit: 100, adaptiveRetransmission: nil, garbageCollection: false, catchUp: false,
            batching: Settings.Batching(maximumSize: size, maximumDelay: delay), broadcastRequests: true)
    }

    func makeReplica(size: Int, delay: Int, window: Int = 5) -> Replica<KV> {
        Replica(id: r0, leaders: [l0, l1], settings: Self.settings(size: size, delay: delay, window: window))
    }

    /// Replica r0's batch with the given request id.
    func batch(_ commands: [Cmd], id: Int = 1) -> Cmd { Command(client: r0, requestID: id, body: .batch(commands)) }

    @Test("a batch goes out when it holds maximumSize requests; until then one flush timer waits")
    func fillsBySize() {
        var replica = makeReplica(size: 3, delay: 50)
        let first = replica.deliver(.request(put("k0", "a", client: 0)), from: c0, at: 0)
        #expect(first.destinations(of: .propose).isEmpty)
        #expect(first.timers == [TimerSet(timer: .batchFlush, after: 50)])
        let second = replica.deliver(.request(put("k1", "b", client: 1)), from: c1, at: 5)
        #expect(second.destinations(of: .propose).isEmpty)
        #expect(second.timers.isEmpty, "the flush timer is already set")
        let third = replica.deliver(.request(put("k2", "c", client: 2)), from: c2, at: 7)
        let full = batch([put("k0", "a", client: 0), put("k1", "b", client: 1), put("k2", "c", client: 2)])
        #expect(third.sends == sent(.propose(slot: 1, command: full, retry: false), to: [l0, l1]))
        #expect(replica.requests.isEmpty && replica.slotIn == 2)
        // The timer set for the batch that went out finds nothing to flush.
        #expect(replica.fire(.batchFlush, at: 50).destinations(of: .propose).isEmpty)
    }

    @Test("a batch that is not full goes out maximumDelay ticks after its first request found room")
    func flushesByDelay() {
        var replica = makeReplica(size: 64, delay: 50)
        replica.deliver(.request(put("k0", "a", client: 0)), from: c0, at: 10)
        replica.deliver(.request(put("k1", "b", client: 1)), from: c1, at: 30)
        let flushed = replica.fire(.batchFlush, at: 60)
        let both = batch([put("k0", "a", client: 0), put("k1", "b", client: 1)])
        #expect(flushed.sends == sent(.propose(slot: 1, command: both, retry: false), to: [l0, l1]))
        // A request alone at its deadline goes out as the plain command, not a batch of one.
        replica.deliver(.request(put("k2", "c", client: 2)), from: c2, at: 70)
        #expect(replica.fire(.batchFlush, at: 100).destinations(of: .propose).isEmpty, "the deadline is t=120")
        let alone = replica.fire(.batchFlush, at: 120)
        #expect(alone.messages.first == .propose(slot: 2, command: put("k2", "c", client: 2), retry: false))
    }

    @Test("with no delay a batch holds what gathered while the window was full")
    func gathersWhileWindowIsFull() {
        var replica = makeReplica(size: 64, delay: 0, window: 1)
        let first = replica.deliver(.request(put("k0", "a", client: 0)), from: c0)
        #expect(first.messages.first == .propose(slot: 1, command: put("k0", "a", client: 0), retry: false))
        replica.deliver(.request(put("k1", "b", client: 1)), from: c1)
        replica.deliver(.request(put("k2", "c", client: 2)), from: c2)
        #expect(replica.requests.count == 2)
        let decided = replica.deliver(.decision(slot: 1, command: put("k0", "a", client: 0)), from: l0)
        #expect(decided.messages.contains(.propose(slot: 2, command: batch([put("k1", "b", client: 1), put("k2", "c", client: 2)]), retry: false)))
        #expect(!decided.timers.contains(TimerSet(timer: .batchFlush, after: 0)))
    }

    @Test("a batch never exceeds maximumSize; the rest forms the next batch")
    func splitsAtMaximumSize() {
        var replica = makeReplica(size: 2, delay: 0, window: 1)
        replica.deliver(.request(put("k9", "z", client: 9)), from: .client(9))
        for client in 0..<5 { replica.deliver(.request(put("k", "\(client)", client: client)), from: .client(client)) }
        let decided = replica.deliver(.decision(slot: 1, command: put("k9", "z", client: 9)), from: l0)
        #expect(decided.messages.contains(.propose(slot: 2, command: batch([put("k", "0", client: 0), put("k", "1", client: 1)]), retry: false)))
        #expect(replica.requests.map(\.client) == [.client(2), .client(3), .client(4)])
    }

    @Test("a reconfiguration is not batched: it goes out alone and ends the batch before it")
    func reconfigurationGoesAlone() {
        var replica = makeReplica(size: 64, delay: 0, window: 1)
        replica.deliver(.request(put("k9", "z", client: 9)), from: .client(9))
        replica.deliver(.request(put("k0", "a", client: 0)), from: c0)
        let change = reconfig(ReplicaTests.next, client: 1)
        replica.deliver(.request(change), from: c1)
        replica.deliver(.request(put("k2", "c", client: 2)), from: c2)
        let second = replica.deliver(.decision(slot: 1, command: put("k9", "z", client: 9)), from: l0)
        #expect(second.messages.contains(.propose(slot: 2, command: put("k0", "a", client: 0), retry: false)))
        let third = replica.deliver(.decision(slot: 2, command: put("k0", "a", client: 0)), from: l0)
        #expect(third.messages.contains(.propose(slot: 3, command: change, retry: false)))
    }

    @Test("duplicates inside a batch and across batches are performed once and answered once")
    func duplicatesApplyOnce() {
        var replica = makeReplica(size: 64, delay: 0)
        let x = app("k", "x", client: 0), y = app("k", "y", client: 1), z = app("k", "z", client: 2)
        let first = replica.deliver(.decision(slot: 1, command: Command(client: r1, requestID: 1, body: .batch([x, y, x]))), from: l0)
        let second = replica.deliver(.decision(slot: 2, command: Command(client: r1, requestID: 2, body: .batch([y, z]))), from: l0)
        #expect(replica.state.storage["k"] == "xyz")
        #expect(replica.operationsApplied == 3)
        #expect(replica.duplicatesSkipped == 2)
        #expect(first.destinations(of: .response) == [c0, c1])
        #expect(second.destinations(of: .response) == [c2])
        #expect(replica.sessions[c0]?.requestID == 1 && replica.sessions[c2]?.requestID == 1)
        // A retransmitted request already performed in a batch is answered from its session.
        let again = replica.deliver(.request(x), from: c0)
        #expect(again.messages == [.response(requestID: 1, output: replica.sessions[c0]?.output ?? nil)])
        #expect(replica.operationsApplied == 3)
    }

    @Test("a displaced batch's commands are proposed again and performed exactly once")
    func displacedBatchIsReproposed() {
        var replica = makeReplica(size: 2, delay: 50)
        let a = app("k", "a", client: 0), b = app("k", "b", client: 1), c = app("k", "c", client: 2)
        replica.deliver(.request(a), from: c0)
        replica.deliver(.request(b), from: c1)
        #expect(replica.proposals == [1: batch([a, b])])
        // Slot 1 went to another replica's batch, holding b and a request r0 never saw: a is
        // proposed again, alone; b is not, as slot 1 performed it.
        let displaced = replica.deliver(.decision(slot: 1, command: Command(client: r1, requestID: 1, body: .batch([c, b]))), from: l0, at: 10)
        #expect(replica.requests == [a])
        #expect(displaced.destinations(of: .propose).isEmpty, "a waits for others to join its batch, until t=60")
        #expect(replica.displacedProposals == 1)
        // The flush timer set at t=0 for the first batch finds a's batch not yet due.
        #expect(replica.fire(.batchFlush, at: 50).timers == [TimerSet(timer: .batchFlush, after: 10)])
        let again = replica.fire(.batchFlush, at: 60)
        #expect(again.messages.contains(.propose(slot: 2, command: a, retry: false)))
        replica.deliver(.decision(slot: 2, command: a), from: l0, at: 70)
        #expect(replica.state.storage["k"] == "cba")
        #expect(replica.operationsApplied == 3 && replica.duplicatesSkipped == 0)
        #expect(replica.proposals.isEmpty && replica.requests.isEmpty)
    }

    @Test("a batch displaced whole is proposed again as a new batch, with a new request id")
    func displacedWholeBatch() {
        var replica = makeReplica(size: 2, delay: 50)
        let a = put("k0", "a", client: 0), b = put("k1", "b", client: 1)
        replica.deliver(.request(a), from: c0)
        replica.deliver(.request(b), from: c1)
        let other = put("k2", "c", client: 2)
        let out = replica.deliver(.decision(slot: 1, command: other), from: l0)
        #expect(out.messages.contains(.propose(slot: 2, command: batch([a, b], id: 2), retry: false)))
        replica.deliver(.decision(slot: 2, command: batch([a, b], id: 2)), from: l0)
        #expect(replica.operationsApplied == 3 && replica.displacedProposals == 2)
        #expect(replica.log.map(\.unbatchedCount) == [1, 2])
    }

    @Test("a batch prints its commands with their clients and request ids, and sizes them")
    func notationAndSize() {
        let batch = batch([put("k1", "v1", client: 0, id: 3), get("k1", client: 1, id: 2)])
        #expect(batch.description == "Batch[c0#3 Put k1 v1, c1#2 Get k1]")
        #expect(batch.unbatched == [put("k1", "v1", client: 0, id: 3), get("k1", client: 1, id: 2)])
        #expect(batch.approximateBytes > put("k1", "v1").approximateBytes + get("k1").approximateBytes)
        #expect(put("k1", "v1").unbatched == [put("k1", "v1")])
    }

    @Test("batch limits out of range are named; the paper's settings have no batching")
    func validation() {
        #expect(throws: SettingsError(setting: "batch size", value: 0, minimum: 1)) {
            try Self.settings(size: 0, delay: 0).validate()
        }
        #expect(throws: SettingsError(setting: "batch delay", value: -1, minimum: 0)) {
            try Self.settings(size: 8, delay: -1).validate()
        }
        #expect(Settings.paper().batching == nil)
        #expect(Settings().batching == Settings.Batching(maximumSize: 64, maximumDelay: 0))
    }
}

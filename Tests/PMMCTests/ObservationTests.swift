import Testing
@testable import PMMC

/// What each role reports beside its effects, and the promise behind `.ignored`: a handler that
/// reports it changed nothing and asked for nothing.
@Suite("Observations")
struct ObservationTests {
    let scout = ProcessID.scout(leader: 1, number: 1)
    let commander = ProcessID.commander(leader: 1, number: 2)

    @Test func acceptorReportsAdoptionsAcceptsAndRefusals() {
        var acceptor = Acceptor<KV>(id: a0)
        #expect(acceptor.deliver(.p1a(ballot: b(0, 1)), from: scout).observations == [.adopted(b(0, 1))])
        #expect(acceptor.deliver(.p1a(ballot: b(0, 0)), from: scout).observations.isEmpty, "answered, not adopted")
        let first = pv(b(0, 1), 1, put("k", "v"))
        #expect(acceptor.deliver(.p2a(first), from: commander).observations == [.accepted(first)])
        #expect(acceptor.deliver(.p2a(first), from: commander).observations.isEmpty, "a duplicate is answered, not stored again")
        let higher = pv(b(1, 2), 2, put("k", "w"))
        #expect(acceptor.deliver(.p2a(higher), from: commander).observations == [.adopted(b(1, 2)), .accepted(higher)])
        let stale = pv(b(0, 1), 3, put("k", "x"))
        #expect(acceptor.deliver(.p2a(stale), from: commander).observations == [.rejected(stale)])
        #expect(acceptor.deliver(.ping, from: l0).observations == [.ignored])
    }

    @Test func leaderReportsAdoptionPreemptionAndWhatItDiscards() {
        var leader = Leader<KV>(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: .paper())
        leader.started()
        #expect(leader.deliver(.adopted(ballot: b(0, 0), pvalues: []), from: scout).observations == [.ignored])
        #expect(leader.deliver(.adopted(ballot: b(0, 1), pvalues: []), from: scout).observations == [.adopted(b(0, 1))])
        #expect(leader.deliver(.adopted(ballot: b(0, 1), pvalues: []), from: scout).observations == [.ignored],
                "a second adopted for the ballot it already leads with")
        leader.deliver(.propose(slot: 1, command: put("k", "v"), retry: false), from: r0)
        #expect(leader.deliver(.propose(slot: 1, command: put("k", "w"), retry: false), from: r1).observations == [.ignored])
        #expect(leader.deliver(.preempted(ballot: b(0, 0)), from: commander).observations == [.ignored], "stale")
        #expect(leader.deliver(.preempted(ballot: b(3, 2)), from: commander).observations == [.preempted(by: b(3, 2))])
    }

    @Test func replicaReportsDecisionsAndAppliedSlotsInOrder() {
        var replica = Replica<KV>(id: r0, leaders: [l0], settings: Settings())
        let one = put("k", "1", client: 0, id: 1), two = put("k", "2", client: 1, id: 1)
        #expect(replica.deliver(.decision(slot: 2, command: two), from: commander).observations == [.decided(slot: 2, command: two)])
        #expect(replica.deliver(.decision(slot: 1, command: one), from: commander).observations == [
            .decided(slot: 1, command: one), .applied(slot: 1, command: one), .applied(slot: 2, command: two),
        ])
        #expect(replica.deliver(.decision(slot: 1, command: one), from: commander).observations == [.ignored])
        #expect(replica.deliver(.request(put("k", "0", client: 0, id: 0)), from: c0).observations == [.ignored],
                "older than the client's session")
        #expect(replica.deliver(.request(one), from: c0).observations.isEmpty, "answered again from the session")
    }

    @Test func scoutCommanderAndClientDiscardStaleAndDuplicateReplies() {
        var phase1 = Scout<KV>(id: scout, leader: l1, acceptors: acceptors(3), ballot: b(0, 1), timer: RetransmitTimer(initial: 50, adapting: nil))
        phase1.started()
        #expect(phase1.deliver(.p1b(ballot: b(0, 1), accepted: []), from: a0).observations.isEmpty)
        #expect(phase1.deliver(.p1b(ballot: b(0, 1), accepted: []), from: a0).observations == [.ignored])
        #expect(phase1.deliver(.p1b(ballot: b(0, 0), accepted: []), from: a1).observations == [.ignored])

        let value = pv(b(0, 1), 1, put("k", "v"))
        var phase2 = Commander<KV>(id: commander, leader: l1, acceptors: acceptors(3), replicas: replicas(2), pvalue: value, timer: RetransmitTimer(initial: 50, adapting: nil))
        phase2.started()
        #expect(phase2.deliver(.p2b(ballot: b(0, 1)), from: a0).observations.isEmpty)
        #expect(phase2.deliver(.p2b(ballot: b(0, 1)), from: a0).observations == [.ignored])
        #expect(phase2.deliver(.p2b(ballot: .bottom), from: a1).observations == [.ignored])

        var client = Client<KV>(id: c0, replicas: replicas(2), settings: Settings())
        #expect(client.deliver(.response(requestID: 7, output: "x"), from: r0).observations == [.ignored])
    }

    /// Delivers a stream of messages, drawn from what each role meets in a run and shuffled by
    /// `seed`, to every role, and checks each `.ignored` against the role's state before and
    /// after.
    @Test("a handler that reports .ignored changed nothing and asked for nothing", arguments: 1...20)
    func ignoredMeansNothingChanged(seed: Int) {
        let ballots = [Ballot.bottom, b(0, 0), b(0, 1), b(1, 0), b(1, 1)]
        let commands = [put("k", "v", client: 0, id: 1), put("k", "w", client: 0, id: 2), app("k", "x", client: 1, id: 1)]
        let senders = [a0, a1, a2, l0, l1, r0, r1, c0, c1, scout, commander]
        var pool: [Msg] = [.ping, .pong]
        for ballot in ballots {
            pool += [.p1a(ballot: ballot), .p2b(ballot: ballot), .preempted(ballot: ballot)]
            for slot in 1...3 {
                for command in commands {
                    let value = pv(ballot, slot, command)
                    pool += [.p1b(ballot: ballot, accepted: [value]), .p2a(value), .adopted(ballot: ballot, pvalues: [value])]
                }
            }
        }
        for slot in 1...3 {
            for command in commands {
                pool += [.request(command), .response(requestID: slot, output: "o"), .decision(slot: slot, command: command),
                         .propose(slot: slot, command: command, retry: false), .propose(slot: slot, command: command, retry: true)]
            }
        }
        var roles: [Role<KV>] = [
            .acceptor(Acceptor(id: a0)),
            .leader(Leader(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: Settings())),
            .leader(Leader(id: l0, acceptors: acceptors(3), replicas: replicas(2), settings: .paper())),
            .replica(Replica(id: r0, leaders: [l0, l1], settings: Settings())),
            .scout(Scout(id: scout, leader: l1, acceptors: acceptors(3), ballot: b(0, 1), timer: RetransmitTimer(initial: 50, adapting: nil))),
            .commander(Commander(id: commander, leader: l1, acceptors: acceptors(3), replicas: replicas(2),
                                 pvalue: pv(b(0, 1), 1, commands[0]), timer: RetransmitTimer(initial: 50, adapting: nil))),
            .client(Client(id: c0, replicas: replicas(2), settings: Settings())),
        ]
        var ignored = 0
        for index in roles.indices {
            var outbox = Box()
            roles[index].start(into: &outbox)
            for step in 0..<300 {
                let before = roles[index]
                let delivered = pool[(step * 7_919 + seed * 104_729) % pool.count]
                let sender = senders[(step * 31 + seed) % senders.count]
                outbox.removeAll()
                roles[index].receive(delivered, from: sender, into: &outbox)
                guard outbox.observations.contains(.ignored) else { continue }
                ignored += 1
                #expect(outbox.observations == [.ignored], "\(roles[index].id) on \(delivered): \(outbox.observations)")
                #expect(outbox.effects.isEmpty, "\(roles[index].id) ignored \(delivered) but asked for \(outbox.effects)")
                #expect(roles[index] == before, "\(roles[index].id) ignored \(delivered) but changed")
            }
        }
        #expect(ignored > 100, "the stream exercises the discard paths")
    }
}

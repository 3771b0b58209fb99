@testable import PMMCRuntime
import PMMC
import Testing

/// Sends `count` numbered messages (`p2b` with rounds 0, 1, …) to `receiver` when started.
private struct Sender: CustomRole {
    typealias Machine = KeyValueStore
    let id: ProcessID
    let receiver: ProcessID
    let count: Int
    var acceptorState: (ballotNumber: Ballot, accepted: [PValue<KeyValueStore>])? { nil }

    mutating func start(into outbox: inout Outbox<KeyValueStore>) {
        for round in 0..<count {
            outbox.send(.p2b(ballot: Ballot(round: round, leader: 0)), to: receiver)
        }
    }

    mutating func receive(_ message: Message<KeyValueStore>, from sender: ProcessID, into outbox: inout Outbox<KeyValueStore>) {}
    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<KeyValueStore>) {}
}

/// Records the rounds it receives from each sender; says `pong` to a sender once it has
/// `expected` of its messages.
private struct Receiver: CustomRole {
    typealias Machine = KeyValueStore
    let id: ProcessID
    let expected: Int
    var rounds: [ProcessID: [Int]] = [:]
    var acceptorState: (ballotNumber: Ballot, accepted: [PValue<KeyValueStore>])? { nil }

    mutating func start(into outbox: inout Outbox<KeyValueStore>) {}

    mutating func receive(_ message: Message<KeyValueStore>, from sender: ProcessID, into outbox: inout Outbox<KeyValueStore>) {
        guard case .p2b(let ballot) = message else { return }
        rounds[sender, default: []].append(ballot.round)
        if rounds[sender]!.count == expected {
            outbox.send(.pong, to: sender)
        }
    }

    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<KeyValueStore>) {}
}

/// A leader that, when pinged, spawns one child, which sends `p1a` to acceptors `a0` and `a1`.
private struct Parent: CustomRole {
    typealias Machine = KeyValueStore
    let id: ProcessID
    var acceptorState: (ballotNumber: Ballot, accepted: [PValue<KeyValueStore>])? { nil }

    mutating func start(into outbox: inout Outbox<KeyValueStore>) {}

    mutating func receive(_ message: Message<KeyValueStore>, from sender: ProcessID, into outbox: inout Outbox<KeyValueStore>) {
        guard message == .ping, case .leader(let index) = id else { return }
        outbox.spawn(.custom(Child(id: .scout(leader: index, number: 1))))
    }
    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<KeyValueStore>) {}
}

private struct Child: CustomRole {
    typealias Machine = KeyValueStore
    let id: ProcessID
    var acceptorState: (ballotNumber: Ballot, accepted: [PValue<KeyValueStore>])? { nil }

    mutating func start(into outbox: inout Outbox<KeyValueStore>) {
        outbox.send(.p1a(ballot: Ballot(round: 9, leader: 9)), to: [.acceptor(0), .acceptor(1)])
    }

    mutating func receive(_ message: Message<KeyValueStore>, from sender: ProcessID, into outbox: inout Outbox<KeyValueStore>) {}
    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<KeyValueStore>) {}
}

@Suite("message bus")
struct MessageBusTests {
    @Test("messages between two processes arrive in the order sent, while others send at the same time")
    func perPairOrder() async throws {
        try await withCluster { cluster in
            let events = cluster.events()
            let count = 2000
            let receiver = ProcessID.acceptor(20)
            let senders = [ProcessID.acceptor(21), .acceptor(22), .acceptor(23)]
            try cluster.bus.start([.custom(Receiver(id: receiver, expected: count))])
            for sender in senders {
                try cluster.bus.start([.custom(Sender(id: sender, receiver: receiver, count: count))])
            }
            var done = 0
            try await waitFor(events) { event in
                if case .sent(let envelope, _) = event, envelope.message == .pong { done += 1 }
                return done == senders.count
            }
            guard case .custom(let process)? = await cluster.process(receiver), let recorded = process as? Receiver else {
                Issue.record("no receiver")
                return
            }
            for sender in senders {
                #expect(recorded.rounds[sender] == Array(0..<count))
            }
        }
    }

    @Test("a leader's child is on the leader's side of a partition and crashes with it")
    func childrenShareTheirLeadersFate() async throws {
        try await withCluster { cluster in
            let events = cluster.events()
            let leader = ProcessID.leader(20)
            let child = ProcessID.scout(leader: 20, number: 1)
            try cluster.bus.start([.custom(Parent(id: leader))])
            try cluster.partition([[leader, .acceptor(0)]])
            var scratch: [(Mailbox<KeyValueStore>, Delivery<KeyValueStore>)] = []
            cluster.bus.send([(.ping, leader)], from: .acceptor(0), scratch: &scratch)
            // What became of the child's p1a to each acceptor: answered, or dropped and why.
            var fates: [ProcessID: String] = [:]
            try await waitFor(events) { event in
                switch event {
                case .sent(let envelope, _) where envelope.destination == child:
                    fates[envelope.source] = "answered"
                case .dropped(let envelope, _, let reason) where envelope.source == child:
                    fates[envelope.destination] = "dropped: \(reason)"
                default:
                    break
                }
                return fates.count == 2
            }
            #expect(fates == [.acceptor(0): "answered", .acceptor(1): "dropped: partition"])
            try cluster.crash(leader)
            #expect(cluster.bus.actor(child)?.mailbox.isStopped == true)
            #expect(cluster.bus.actor(.replica(0))?.mailbox.isStopped == false)
        }
    }
}

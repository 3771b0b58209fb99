@testable import PMMCRuntime
import PMMC
import PMMCHost
import Testing

/// Sets a timer a million ticks off when it starts. A leader spawns such a child when pinged;
/// the child exits at once, with its timer still set.
private struct Waiter: CustomRole {
    typealias Machine = KeyValueStore
    let id: ProcessID
    var acceptorState: (ballotNumber: Ballot, accepted: [PValue<KeyValueStore>])? { nil }

    mutating func start(into outbox: inout Outbox<KeyValueStore>) {
        outbox.setTimer(.phaseRetransmit, after: 1_000_000)
        if id.host != id {
            outbox.exit()
        }
    }

    mutating func receive(_ message: Message<KeyValueStore>, from sender: ProcessID, into outbox: inout Outbox<KeyValueStore>) {
        guard message == .ping, case .leader(let index) = id else { return }
        outbox.spawn(.custom(Waiter(id: .commander(leader: index, number: 1))))
    }

    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<KeyValueStore>) {}
}

/// Sets a timer of no delay when it starts and again each time one fires; answers a ping with
/// a pong.
private struct Spinner: CustomRole {
    typealias Machine = KeyValueStore
    let id: ProcessID
    var acceptorState: (ballotNumber: Ballot, accepted: [PValue<KeyValueStore>])? { nil }

    mutating func start(into outbox: inout Outbox<KeyValueStore>) {
        outbox.setTimer(.proposalRetransmit, after: 0)
    }

    mutating func receive(_ message: Message<KeyValueStore>, from sender: ProcessID, into outbox: inout Outbox<KeyValueStore>) {
        if message == .ping { outbox.send(.pong, to: sender) }
    }

    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<KeyValueStore>) {
        outbox.setTimer(.proposalRetransmit, after: 0)
    }
}

@Suite("timers")
struct TimerTests {
    typealias Queue = TimerQueue<KeyValueStore>

    /// The hosts woken by `actions`, in order; delayed messages as `nil`.
    private func hosts(_ actions: [Queue.Action]) -> [ProcessID?] {
        actions.map { action in
            if case .wake(let host, _) = action { host } else { nil }
        }
    }

    @Test("an actor's timers come out in deadline order, in the order set among equal deadlines, and only once due")
    func actorTimersOrder() {
        var timers = ActorTimers()
        #expect(timers.earliest == .max && timers.count == 0)
        timers.set(.proposalRetransmit, of: .replica(0), at: 30)
        timers.set(.executedReport, of: .replica(0), at: 10)
        timers.set(.phaseRetransmit, of: .commander(leader: 0, number: 1), at: 30)
        timers.set(.batchFlush, of: .replica(0), at: 20)
        #expect(timers.earliest == 10 && timers.count == 4)
        let early = timers.popDue(at: 9)
        #expect(early == nil)
        var fired: [String] = []
        while let (process, timer) = timers.popDue(at: 30) {
            fired.append("\(timer) of \(process)")
        }
        #expect(fired == [
            "executedReport of r0", "batchFlush of r0", "proposalRetransmit of r0", "phaseRetransmit of l0/c1",
        ])
        #expect(timers.earliest == .max)
    }

    @Test("cancelling takes out every timer of that id of that process, and only those; an exit takes out all of a process's")
    func actorTimersCancel() {
        let (client, commander) = (ProcessID.client(0), ProcessID.commander(leader: 0, number: 1))
        var timers = ActorTimers()
        timers.set(.requestRetransmit(requestID: 1), of: client, at: 5)
        timers.set(.requestRetransmit(requestID: 2), of: client, at: 6)
        timers.set(.requestRetransmit(requestID: 1), of: client, at: 7)
        timers.set(.phaseRetransmit, of: commander, at: 8)
        timers.set(.phaseRetransmit, of: commander, at: 9)
        timers.cancel(.requestRetransmit(requestID: 1), of: client)
        timers.cancel(.requestRetransmit(requestID: 2), of: .client(1))
        #expect(timers.earliest == 6 && timers.count == 3)
        #expect(timers.cancelAll(of: commander) == 2)
        let left = timers.popDue(at: 100).map { "\($0.timer) of \($0.process)" }
        #expect(left == "requestRetransmit(requestID: 2) of c0")
        #expect(timers.count == 0)
    }

    @Test("a wake-up is queued only if earlier than the one queued, which it replaces; a crash or exit forgets it")
    func wakeUps() {
        let start = ContinuousClock.now
        let (p, q) = (ProcessID.replica(0), ProcessID.client(0))
        let (mailboxP, mailboxQ) = (Mailbox<KeyValueStore>(), Mailbox<KeyValueStore>())
        var queue = Queue(origin: start)
        queue.requestWake(of: p, mailbox: mailboxP, at: 2_000_000)
        queue.requestWake(of: p, mailbox: mailboxP, at: 3_000_000)
        #expect(queue.wake(of: p) == 2_000_000 && mailboxP.wakeAt.load(ordering: .relaxed) == 2_000_000)
        queue.requestWake(of: p, mailbox: mailboxP, at: 1_000_000)
        #expect(queue.wake(of: p) == 1_000_000 && mailboxP.wakeAt.load(ordering: .relaxed) == 1_000_000)
        queue.requestWake(of: q, mailbox: mailboxQ, at: 4_000_000)
        queue.deliver(Envelope(source: p, destination: q, message: .ping), id: 0, at: start + .milliseconds(3))
        queue.cancelWake(of: q)
        #expect(queue.wake(of: q) == .max)
        var due: [Queue.Action] = []
        queue.popDue(at: start + .seconds(1), into: &due)
        #expect(hosts(due) == [p, nil], "one wake-up of p, at 1 ms; none of q")
        #expect(queue.wake(of: p) == .max && queue.nextDeadline == nil)
    }

    @Test("a wake-up that finds a timer due says so; one that finds the earliest timer cancelled moves to the earliest now")
    func wakeUpFindsDueOrMoves() {
        let start = ContinuousClock.now
        let p = ProcessID.client(0)
        let mailbox = Mailbox<KeyValueStore>()
        var queue = Queue(origin: start)
        var due: [Queue.Action] = []
        // The actor's earliest timer was due at 1 ms and was cancelled; the next is at 5 ms.
        queue.requestWake(of: p, mailbox: mailbox, at: 1_000_000)
        mailbox.earliestTimer.store(5_000_000, ordering: .relaxed)
        queue.popDue(at: start + .milliseconds(2), into: &due)
        #expect(hosts(due) == [p])
        let dueAt2 = queue.wakeUp(p, mailbox: mailbox, at: 2_000_000)
        #expect(!dueAt2)
        #expect(queue.wake(of: p) == 5_000_000 && mailbox.wakeAt.load(ordering: .relaxed) == 5_000_000)
        #expect(queue.nextDeadline == start + .milliseconds(5))
        due.removeAll()
        queue.popDue(at: start + .milliseconds(5), into: &due)
        #expect(hosts(due) == [p])
        let dueAt5 = queue.wakeUp(p, mailbox: mailbox, at: 5_000_000)
        #expect(dueAt5, "the timer at 5 ms is due")
        #expect(mailbox.wakeAt.load(ordering: .relaxed) == .max, "the actor asks for its next wake-up itself")
        mailbox.earliestTimer.store(.max, ordering: .relaxed)
        queue.requestWake(of: p, mailbox: mailbox, at: 6_000_000)
        due.removeAll()
        queue.popDue(at: start + .milliseconds(6), into: &due)
        let dueAt6 = queue.wakeUp(p, mailbox: mailbox, at: 6_000_000)
        #expect(!dueAt6)
        #expect(queue.nextDeadline == nil, "no timer left: no wake-up")
    }

    @Test("wake-ups and delayed messages come due in deadline order")
    func orderOfWakeUpsAndDeliveries() {
        let start = ContinuousClock.now
        var random = SeededRandom(seed: 3)
        var queue = Queue(origin: start)
        var expected: [Int] = []
        for number in 0..<200 {
            let deadline = random.uniform(in: 0...1000)
            if number < 20 {
                queue.requestWake(of: .client(number), mailbox: Mailbox(), at: deadline * 1_000)
            } else {
                queue.deliver(Envelope(source: .client(0), destination: .replica(0), message: .ping), id: deadline,
                              at: start + .microseconds(deadline))
            }
            expected.append(deadline)
        }
        var due: [Queue.Action] = []
        queue.popDue(at: start + .microseconds(1000), into: &due)
        let deadlines = due.map { action in
            switch action {
            case .wake(.client(let number), _): expected[number]
            case .wake: -1
            case .deliver(_, let id): id
            }
        }
        #expect(deadlines == expected.sorted())
    }

    @Test("a role that sets a timer of no delay each time one fires still gets its mail: each timer waits for the next wake-up")
    func timersOfNoDelay() async throws {
        let spinner = ProcessID.replica(0)
        try await withShutdown(of: MessageBus<KeyValueStore>(tick: .milliseconds(1), faults: NetworkFaults())) { bus in
            let events = bus.events()
            try bus.start([.custom(Spinner(id: spinner))])
            bus.startTimers()
            var fired = 0
            try await waitFor(events) { event in
                if case .timerFired(spinner, _) = event { fired += 1 }
                return fired == 3
            }
            var scratch: [(Mailbox<KeyValueStore>, Delivery<KeyValueStore>)] = []
            bus.send([(.ping, spinner)], from: .acceptor(0), scratch: &scratch)
            try await waitFor(events) { event in
                if case .sent(let envelope, _) = event { envelope.message == .pong } else { false }
            }
            #expect(bus.statistics.timersFired >= 3)
        }
    }

    @Test("a child's exit cancels its timers, and so does a crash")
    func exitAndCrashCancelTimers() async throws {
        let leader = ProcessID.leader(0)
        let child = ProcessID.commander(leader: 0, number: 1)
        try await withShutdown(of: MessageBus<KeyValueStore>(tick: .milliseconds(1), faults: NetworkFaults())) { bus in
            let events = bus.events()
            try bus.start([.custom(Waiter(id: leader))])
            var scratch: [(Mailbox<KeyValueStore>, Delivery<KeyValueStore>)] = []
            bus.send([(.ping, leader)], from: .acceptor(0), scratch: &scratch)
            try await waitFor(events) { event in
                if case .exited(let id) = event { id == child } else { false }
            }
            #expect(bus.statistics.timersCancelled == 1)
            try bus.crash(leader)
            #expect(bus.statistics.timersCancelled == 2)
            #expect(bus.statistics.timersFired == 0)
        }
    }
}

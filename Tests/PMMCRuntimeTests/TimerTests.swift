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

@Suite("timers")
struct TimerTests {
    typealias Queue = TimerQueue<KeyValueStore>

    /// The processes whose timers `actions` fire, in order; delayed messages as `nil`.
    private func processes(_ actions: [Queue.Action]) -> [ProcessID?] {
        actions.map { action in
            if case .fire(_, let process) = action { process } else { nil }
        }
    }

    @Test("cancelling a process's timers removes only those that have not come due")
    func cancel() {
        let start = ContinuousClock.now
        let (p, q) = (ProcessID.replica(0), ProcessID.commander(leader: 0, number: 1))
        var queue = Queue()
        queue.schedule(.fire(.proposalRetransmit, for: p), at: start + .milliseconds(1))
        queue.schedule(.fire(.phaseRetransmit, for: q), at: start + .milliseconds(2))
        queue.schedule(.deliver(Envelope(source: p, destination: q, message: .ping), id: 0), at: start + .milliseconds(3))
        queue.schedule(.fire(.proposalRetransmit, for: p), at: start + .milliseconds(4))
        queue.schedule(.fire(.phaseRetransmit, for: q), at: start + .milliseconds(5))
        var due: [Queue.Action] = []
        queue.popDue(at: start + .milliseconds(2), into: &due)
        #expect(processes(due) == [p, q])
        #expect(queue.cancelTimers(of: q) == 1)
        #expect(queue.cancelTimers(of: q) == 0)
        due.removeAll()
        queue.popDue(at: start + .seconds(1), into: &due)
        #expect(processes(due) == [nil, p])
        #expect(queue.nextDeadline == nil)
        #expect(queue.cancelTimers(of: p) == 0)
    }

    @Test("with timers cancelled here and there, the rest still come due in deadline order")
    func orderAfterCancelling() {
        let start = ContinuousClock.now
        var random = SeededRandom(seed: 3)
        var queue = Queue()
        var expected: [(deadline: Int, process: Int)] = []
        for number in 0..<400 {
            let deadline = random.uniform(in: 0...1000)
            let process = number % 20
            queue.schedule(.fire(.leaderCheck(epoch: deadline), for: .replica(process)), at: start + .microseconds(deadline))
            expected.append((deadline, process))
            if number % 50 == 49 {
                let cancelled = random.uniform(in: 0...19)
                let count = queue.cancelTimers(of: .replica(cancelled))
                #expect(count == expected.filter { $0.process == cancelled }.count)
                expected.removeAll { $0.process == cancelled }
            }
        }
        var due: [Queue.Action] = []
        queue.popDue(at: start + .microseconds(1000), into: &due)
        let deadlines = due.map { action in
            if case .fire(.leaderCheck(let deadline), _) = action { deadline } else { -1 }
        }
        #expect(deadlines == expected.map(\.deadline).sorted())
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

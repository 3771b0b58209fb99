import Testing
import PMMC
import PMMCSimulation
import PMMCTrace

/// The explorer: breadth-first search over every schedule of a small cluster.
@Suite("Explorer")
struct ExplorerTests {
    /// One client appending A to key k, on 2 replicas, 1 leader and 3 acceptors.
    static func oneCommand() -> ExplorationSettings<KeyValueStore> {
        ExplorationSettings(replicas: 2, leaders: 1, acceptors: 3, workload: [[.append(key: "k", value: "A")]])
    }

    @Test("exhausts the one-client, one-command space without a violation, the same on every run")
    func exhaustsOneCommand() throws {
        let first = try Explorer(Self.oneCommand()).run()
        let second = try Explorer(Self.oneCommand()).run()
        guard case .exhausted = first.outcome else { Issue.record("outcome \(first.outcome)"); return }
        #expect(first.states > 1_000)
        #expect(first.transitions > first.states)
        #expect(first.schedule.isEmpty)
        #expect((second.states, second.transitions, second.depth) == (first.states, first.transitions, first.depth))
    }

    /// The fewest steps to an answer: p1a to two acceptors (2), their p1b (2), adopted (1),
    /// the request to one replica (1), its propose (1), p2a to two acceptors (2), their p2b
    /// (2), the decision to that replica (1) and its response (1): 13.
    @Test("finds the shortest schedule to a goal")
    func shortestGoal() throws {
        var settings = Self.oneCommand()
        settings.goals = [.allOperationsCompleted]
        let result = try Explorer(settings).run()
        guard case .goal(let name) = result.outcome else { Issue.record("outcome \(result.outcome)"); return }
        #expect(name == "all operations completed")
        #expect(result.schedule.count == 13)
        #expect(result.finalState?.responses == [[""]])
        let replayed = try Explorer(settings).state(after: result.schedule)
        #expect(replayed == result.finalState)
    }

    @Test("a state is the same whatever order its messages arrived in")
    func orderIndependentStates() throws {
        let explorer = Explorer(Self.oneCommand())
        let initial = try explorer.state(after: [])
        let p1a = initial.network.filter { $0.message.kind == .p1a }
        #expect(p1a.count == 3)
        let one = try explorer.state(after: [.deliver(p1a[0]), .deliver(p1a[1])])
        let other = try explorer.state(after: [.deliver(p1a[1]), .deliver(p1a[0])])
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        #expect(one.network != other.network)
        let third = try explorer.state(after: [.deliver(p1a[0]), .deliver(p1a[2])])
        #expect(one != third)
    }

    @Test("prunes cut the search and bounds stop it")
    func prunesAndBounds() throws {
        var pruned = Self.oneCommand()
        pruned.prunes = [StatePredicate("adopted") { state in
            state.processes.contains { if case .leader(let leader) = $0 { leader.active } else { false } }
        }]
        let full = try Explorer(Self.oneCommand()).run()
        let cut = try Explorer(pruned).run()
        #expect(cut.states < full.states)
        var bounded = Self.oneCommand()
        bounded.maxStates = 100
        let stopped = try Explorer(bounded).run()
        guard case .bound(.states) = stopped.outcome else { Issue.record("outcome \(stopped.outcome)"); return }
        #expect(stopped.states == 100)
        bounded.maxStates = nil
        bounded.maxDepth = 5
        let shallow = try Explorer(bounded).run()
        guard case .bound(.depth) = shallow.outcome else { Issue.record("outcome \(shallow.outcome)"); return }
        #expect(shallow.depth == 5)
    }

    @Test("a failing invariant of the settings is reported with a shortest schedule and a trace")
    func customInvariant() throws {
        var settings = Self.oneCommand()
        settings.invariants = [StatePredicate("nothing decided") { state in state.replicas.allSatisfy { $0.decisions.isEmpty } }]
        let explorer = Explorer(settings)
        let result = try explorer.run()
        #expect(result.violation == .predicate("nothing decided"))
        // As the goal above, less the response: the decision reaches a replica in 12 steps.
        #expect(result.schedule.count == 12)
        let trace = try explorer.trace(of: result.schedule)
        #expect(trace.contains { $0.kind == .decide && $0.slot == 1 })
        #expect(trace.last?.time == result.schedule.count)
        let sends = Set(trace.filter { $0.kind == .send }.compactMap(\.messageID))
        #expect(trace.filter { $0.kind == .deliver }.allSatisfy { sends.contains($0.messageID!) })
    }

    @Test("drops, duplicates and timers widen the search; a lost message with no timer is not a failure")
    func faults() throws {
        func explore(_ change: (inout ExplorationSettings<KeyValueStore>) -> Void) throws -> ExplorationResult<KeyValueStore> {
            var settings = Self.oneCommand()
            settings.maxDepth = 6
            change(&settings)
            return try Explorer(settings).run()
        }
        let plain = try explore { _ in }
        for widened in [try explore { $0.drops = true }, try explore { $0.duplicates = true }, try explore { $0.timers = true }] {
            #expect(widened.violation == nil)
            #expect(widened.states > plain.states)
        }
    }

    @Test("bad settings are refused with the problem named")
    func validation() {
        var settings = Self.oneCommand()
        settings.acceptors = 0
        #expect(throws: SimulationError.invalidOption("acceptors must be at least 1, got 0")) { try Explorer(settings).run() }
        settings = Self.oneCommand()
        settings.maxDepth = 0
        #expect(throws: SimulationError.invalidOption("the depth bound must be at least 1, got 0")) { try Explorer(settings).run() }
        settings = Self.oneCommand()
        settings.workload = []
        #expect(throws: SimulationError.invalidOption("the workload needs at least one client")) { try Explorer(settings).run() }
    }
}

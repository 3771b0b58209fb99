import PMMC
import PMMCSimulation
import Testing

/// The exploration printed in Docs/Verification.md, exactly as documented.
@Test("the explorer example of Docs/Verification.md does what its comments say")
func explorerExample() throws {
    var settings = ExplorationSettings<KeyValueStore>(
        replicas: 2, leaders: 1, acceptors: 3, workload: [[.append(key: "k", value: "A")]])
    settings.invariants = [StatePredicate("at most one slot decided") { state in
        state.replicas.allSatisfy { $0.decisions.count <= 1 }
    }]
    settings.prunes = [StatePredicate("more than one scout") { state in
        state.processes.count { if case .scout = $0 { true } else { false } } > 1
    }]
    settings.goals = [.allOperationsCompleted]
    let explorer = Explorer(settings)
    let result = try explorer.run()                        // or explorer.walk(1_000, seed: 1)
    #expect(result.violation == nil)
    #expect(result.schedule.count == 13)                   // a shortest way to the goal
    let events = try explorer.trace(of: result.schedule)   // TraceEvents, as pmmc render draws them
    #expect(events.contains { $0.kind == .respond })
}

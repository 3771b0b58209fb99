import PMMC
import PMMCSimulation

/// One seed of a sweep, run and checked: the invariants held throughout, every operation
/// completed (the profiles' faults heal and never take a majority), the replicas' logs agree,
/// and the clients' history is linearizable.
struct SweepRun {
    /// What a failed run broke.
    struct Failure: Error, Equatable {
        let check: String
        let detail: String
    }

    /// Runs `scenario` for at most `timeLimit` ticks; `nil` when every check passed.
    static func check(_ scenario: Scenario<KeyValueStore>, timeLimit: Int) -> Failure? {
        let simulation: Simulation<KeyValueStore>
        do {
            simulation = try scenario.makeSimulation()
        } catch {
            return Failure(check: "setup", detail: error.description)
        }
        let outcome = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: timeLimit)
        if let violation = simulation.violation {
            return Failure(check: "invariant", detail: violation.description)
        }
        if outcome != .conditionMet {
            let done = simulation.operations.count(where: \.isComplete)
            return Failure(check: "liveness", detail: "\(done) of \(scenario.operations.count) operations completed by t=\(simulation.now)")
        }
        if let disagreement = simulation.logDisagreements.first {
            return Failure(check: "agreement", detail: "slot \(disagreement.slot): \(disagreement.replica) applied "
                + "\(disagreement.command), \(disagreement.reference) applied \(disagreement.referenceCommand)")
        }
        let result = KeyValueHistory(clientOperations: simulation.operations).checkLinearizability(stepLimit: 1_000_000)
        if case .linearizable = result.verdict { return nil }
        return Failure(check: "linearizability", detail: result.description)
    }
}

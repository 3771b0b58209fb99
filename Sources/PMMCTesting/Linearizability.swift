import PMMC
import PMMCSimulation
import Testing

/// Expects the clients' history of `simulation` to be linearizable: every operation can be
/// given one instant between its call and its return at which it takes effect, so that each
/// get reads what the puts and appends before it wrote. Operations that never returned may or
/// may not have taken effect.
///
/// A failure is one issue with the checker's line, which names the smallest failing key and
/// its operations: `NOT linearizable: key "k5" (38 operations): c1 append("k5", "v7") …`. A
/// key the checker cannot decide within `stepLimit` search steps is a failure too, as it
/// proves nothing; pass `nil` for no limit.
public func expectLinearizable(
    _ simulation: Simulation<KeyValueStore>, stepLimit: Int? = 1_000_000, sourceLocation: SourceLocation = #_sourceLocation
) {
    expectLinearizable(simulation.operations, stepLimit: stepLimit, sourceLocation: sourceLocation)
}

/// Expects a client history to be linearizable; see ``expectLinearizable(_:stepLimit:sourceLocation:)-(Simulation<KeyValueStore>,_,_)``.
public func expectLinearizable(
    _ operations: [ClientOperation<KeyValueStore>], stepLimit: Int? = 1_000_000, sourceLocation: SourceLocation = #_sourceLocation
) {
    let result = KeyValueHistory(clientOperations: operations).checkLinearizability(stepLimit: stepLimit)
    if case .linearizable = result.verdict { return }
    Issue.record(Comment(rawValue: result.description), sourceLocation: sourceLocation)
}

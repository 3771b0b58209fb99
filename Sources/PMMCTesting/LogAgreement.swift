import PMMC
import PMMCSimulation
import Testing

/// Expects every replica's log (its decisions below `slotOut`) to be a prefix of the longest
/// one: no two replicas applied different commands in the same slot.
///
/// A replica that is behind passes, so call it after ``waitForConvergence(_:within:)`` to
/// also expect the logs to be equal. A failure names both replicas, the slot and the two
/// commands: `r1 applied c1#2 App k0 v4 in slot 3, where r0 applied c0#2 Put k0 v3`.
public func expectLogsAgree<Machine>(_ simulation: Simulation<Machine>, sourceLocation: SourceLocation = #_sourceLocation) {
    guard !simulation.replicas.isEmpty else {
        Issue.record("the simulation has no replicas", sourceLocation: sourceLocation)
        return
    }
    for disagreement in simulation.logDisagreements {
        let message = "\(disagreement.replica) applied \(describe(disagreement.command)) in slot \(disagreement.slot), "
            + "where \(disagreement.reference) applied \(describe(disagreement.referenceCommand))"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

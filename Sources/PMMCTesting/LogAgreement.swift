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
    let replicas = simulation.replicas
    guard let longest = replicas.max(by: { $0.log.count < $1.log.count }) else {
        Issue.record("the simulation has no replicas", sourceLocation: sourceLocation)
        return
    }
    let reference = longest.log
    for replica in replicas where replica.id != longest.id {
        let log = replica.log
        guard let index = log.indices.first(where: { log[$0] != reference[$0] }) else { continue }
        Issue.record(
            "\(replica.id) applied \(describe(log[index])) in slot \(index + 1), where \(longest.id) applied \(describe(reference[index]))",
            sourceLocation: sourceLocation)
    }
}

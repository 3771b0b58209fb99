import PMMC
import PMMCSimulation

// Stop conditions for `Simulation.run(until:timeLimit:)`:
// `simulation.run(until: everyReplicaApplied, timeLimit: 100_000)`.
//
// A client takes the first response, so every operation can have completed while a replica
// has not yet applied the last decisions. These conditions wait for the replicas too. They
// look only at replicas that have not crashed: a crashed replica never catches up.

/// Whether every submitted operation completed and every live replica has executed each
/// client's last request (so it applied all of them). A stop condition for
/// ``Simulation/run(until:timeLimit:)``: `simulation.run(until: everyReplicaApplied, timeLimit: 100_000)`.
public func everyReplicaApplied<Machine>(_ simulation: Simulation<Machine>) -> Bool {
    guard simulation.allOperationsCompleted else { return false }
    var last: [ProcessID: Int] = [:]
    for operation in simulation.operations {
        last[operation.client] = max(last[operation.client] ?? 0, operation.requestID)
    }
    return liveReplicas(of: simulation).allSatisfy { replica in
        last.allSatisfy { client, requestID in (replica.sessions[client]?.requestID ?? 0) >= requestID }
    }
}

/// Whether ``everyReplicaApplied(_:)`` holds and every live replica has applied every slot
/// that a live replica knows to be decided. From then on the live replicas' logs are equal,
/// until the next decision arrives. A stop condition for ``Simulation/run(until:timeLimit:)``;
/// ``waitForConvergence(_:within:)`` runs until it holds.
public func hasConverged<Machine>(_ simulation: Simulation<Machine>) -> Bool {
    guard everyReplicaApplied(simulation) else { return false }
    let replicas = liveReplicas(of: simulation)
    let highestDecided = replicas.compactMap { $0.decisions.keys.max() }.max() ?? 0
    return replicas.allSatisfy { $0.slotOut > highestDecided }
}

/// Whether nothing is left that could still be decided: ``everyReplicaApplied(_:)`` holds, no
/// live replica holds a request or a proposal it has not applied, and all are at the same
/// `slotOut`. A fault injected at such a moment cannot race with a decision already under
/// way. A stop condition for ``Simulation/run(until:timeLimit:)``.
public func isSettled<Machine>(_ simulation: Simulation<Machine>) -> Bool {
    guard everyReplicaApplied(simulation) else { return false }
    let replicas = liveReplicas(of: simulation)
    return replicas.allSatisfy { $0.proposals.isEmpty && $0.requests.isEmpty }
        && Set(replicas.map(\.slotOut)).count == 1
}

private func liveReplicas<Machine>(of simulation: Simulation<Machine>) -> [Replica<Machine>] {
    simulation.replicas.filter { !simulation.isCrashed($0.id) }
}

/// Runs `simulation` until ``hasConverged(_:)`` holds (every operation completed and every
/// live replica applied every decided slot), for at most `ticks` more ticks of virtual time.
///
/// Call it before comparing replicas: right after ``Simulation/allOperationsCompleted`` one
/// replica may not have applied the last decision yet.
///
/// ```swift
/// #expect(waitForConvergence(simulation, within: 100_000))
/// expectLogsAgree(simulation)
/// ```
///
/// A replica that misses the decisions of the last slots, lost or cut off by a partition,
/// learns of them from the other replicas' `executed` reports and asks for them (catch-up,
/// ``Settings/catchUp``, on by default): allow a few ``Settings/executedReportInterval``s
/// for it. With catch-up off, it learns a missed slot it did not propose for only once it
/// hears of a later decision, so when it misses the last decisions of a run it stays behind
/// until more requests come, and this returns `false`.
///
/// - Returns: whether the simulation converged; `false` if the time limit came first, nothing
///   was left to happen, or an invariant was violated.
public func waitForConvergence<Machine>(_ simulation: Simulation<Machine>, within ticks: Int) -> Bool {
    simulation.run(until: hasConverged, timeLimit: simulation.now + ticks) == .conditionMet
}

/// The leader of `simulation` that has not crashed and is active with the highest ballot, if
/// any: the one whose commanders are deciding slots now.
public func activeLeader<Machine>(of simulation: Simulation<Machine>) -> Leader<Machine>? {
    simulation.processIDs
        .compactMap { id -> Leader<Machine>? in
            guard case .leader(let index) = id, !simulation.isCrashed(id) else { return nil }
            return simulation.leader(index)
        }
        .filter(\.active)
        .max { $0.ballotNumber < $1.ballotNumber }
}

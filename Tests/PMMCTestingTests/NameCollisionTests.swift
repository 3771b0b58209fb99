import Foundation
import PMMC
import PMMCSimulation
import PMMCTesting
import Testing

/// Pins that PMMCTesting declares no public name that Foundation or Swift Testing also
/// declares: a file importing all of them must compile with every name unqualified.
@Suite struct NameCollisionTests {
    @Test func everyPublicNameResolvesUnqualified() throws {
        let scenario: Scenario<KeyValueStore> = Scenario(seed: 1, profile: FaultProfile.crashes, operations: 4)
        let faults: [ScheduledFault] = scenario.faults
        #expect(faults.count == 3)
        let simulation = try scenario.makeSimulation()
        #expect(waitForConvergence(simulation, within: 100_000))
        #expect(everyReplicaApplied(simulation) && hasConverged(simulation) && isSettled(simulation))
        #expect(activeLeader(of: simulation) != nil)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        expectExactlyOnceAppends(simulation)
        expectExactlyOnceAppends(simulation.operations, finalValues: [:])
        #expect(KeyValueWorkload.writtenValues(in: "v1v2") == ["v1", "v2"])
        #expect(KeyValueWorkload.appends(count: 4, keys: 3, seed: 1) == scenario.operations)
    }
}

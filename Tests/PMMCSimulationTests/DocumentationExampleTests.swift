import PMMC
import PMMCSimulation
import PMMCTesting
import Testing

/// The scenario test printed in Docs/Simulation.md, exactly as documented.
@Test("the other leader takes over when the active one crashes", arguments: 1...20)
func activeLeaderCrash(seed: UInt64) throws {
    let simulation = try Scenario(seed: seed, operations: 60).makeSimulation()
    simulation.run(until: { $0.statistics.slotsDecided >= 10 }, timeLimit: 10_000)
    let crashed = try #require(activeLeader(of: simulation))
    try simulation.crash(crashed.id)

    #expect(waitForConvergence(simulation, within: 100_000))
    #expect(simulation.violation == nil)
    let successor = try #require(activeLeader(of: simulation))
    #expect(successor.ballotNumber > crashed.ballotNumber)
    expectLogsAgree(simulation)
    expectOutputsMatchReplay(simulation)
    expectExactlyOnceAppends(simulation)
}

/// The fault-profile sweep printed in Docs/Simulation.md, exactly as documented.
@Test("every operation completes exactly once under every fault profile",
      arguments: FaultProfile.allCases, 1...5)
func everyProfile(profile: FaultProfile, seed: UInt64) throws {
    let scenario = Scenario(seed: seed, profile: profile, operations: 40)
    let simulation = try scenario.makeSimulation()
    #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: 300_000) == .conditionMet,
            "faults: \(scenario.faults)")
    #expect(simulation.violation == nil)
    expectLogsAgree(simulation)
    expectOutputsMatchReplay(simulation)
    expectExactlyOnceAppends(simulation)
}

/// The scripted schedule printed in Docs/Simulation.md, exactly as documented.
@Test("the scripted-schedule example of Docs/Simulation.md does what its comments say")
func scriptedScheduleExample() throws {
    let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(
        replicas: 1, leaders: 2, acceptors: 3, clients: 0,
        settings: .paper(), network: NetworkModel(latency: 1...1)))
    try simulation.start(.leader(0))                        // l0 spawns l0/s1: p1a(0.0) to a0, a1, a2
    try simulation.start(.leader(1))                        // l1/s1: p1a(0.1)
    let other = simulation.fork()                           // same state, told another way
    try simulation.deliver(.p1a, from: .leader(1), to: .acceptor(1))   // a1 adopts 0.1
    try simulation.drop(.p1a, from: .leader(0), to: .acceptor(2))      // lost
    try simulation.fire(.phaseRetransmit, of: .scout(leader: 0, number: 1))
    try simulation.crash(.acceptor(0))
    try other.deliver(.p1a, from: .leader(0), to: .acceptor(1))        // here a1 adopts 0.0

    #expect(simulation.acceptor(1)?.ballotNumber == Ballot(round: 0, leader: 1))
    #expect(other.acceptor(1)?.ballotNumber == Ballot(round: 0, leader: 0))
    #expect(simulation.isCrashed(.acceptor(0)) && !other.isCrashed(.acceptor(0)))
    #expect(simulation.pendingMessages(from: .leader(0), to: .acceptor(2), kind: .p1a).count == 1, "only the resent p1a")
}

import PMMC
import PMMCSimulation
import Testing

/// The scenario test printed in Docs/Simulation.md, exactly as documented.
@Test("the other leader takes over when the active one crashes", arguments: 1...10)
func activeLeaderCrash(seed: UInt64) throws {
    let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(seed: seed, clients: 3))
    for (number, operation) in KeyValueWorkload.random(count: 60, keys: 4, seed: seed).enumerated() {
        try simulation.submit(operation, client: number % 3)
    }
    simulation.run(until: { $0.statistics.slotsDecided >= 10 }, timeLimit: 10_000)
    let active = try #require((0..<2).first { simulation.leader($0)?.active == true })
    try simulation.schedule(.crash(.leader(active)), at: simulation.now + 1)

    #expect(simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 100_000) == .conditionMet)
    #expect(simulation.violation == nil)
    #expect(simulation.leader(1 - active)?.active == true)
    #expect(simulation.replicas[0].log == simulation.replicas[1].log)
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

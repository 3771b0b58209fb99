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

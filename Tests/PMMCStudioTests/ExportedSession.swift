import PMMC
import PMMCSimulation
import PMMCTeaching
import Testing

/// Exported by `pmmc studio`: walk-through acceptors, branch main, changed at step 3, 5 steps.
@Test func studioSession() throws {
    let options = SimulationOptions(seed: 1, replicas: 1, leaders: 2, acceptors: 1, clients: 0, settings: .paper(window: 5), network: NetworkModel(latency: 1...1, lossRate: 0.0, duplicationRate: 0.0), checkInvariants: true)
    let simulation = try Simulation<Labels>(options: options)
    // 1. a0 adopts 0.1, which beats ⊥, and answers p1b(0.1, []): OK!
    try simulation.inject(Message<Labels>.p1a(ballot: Ballot(round: 0, leader: 1)), from: .scout(leader: 1, number: 1), to: .acceptor(0))
    try simulation.perform(2)
    // 2. 0.0 is below 0.1: a0 stays at 0.1 and answers with it. Nope!
    try simulation.inject(Message<Labels>.p1a(ballot: Ballot(round: 0, leader: 0)), from: .scout(leader: 0, number: 1), to: .acceptor(0))
    try simulation.perform(4)
    // 3. drop a0 → l1/s1 p1b(0.1, [])
    try simulation.drop(3)
    // 4. crash a0
    try simulation.crash(.acceptor(0))
    // 5. restart a0
    try simulation.restart(.acceptor(0))
    #expect(simulation.now == 7)
    #expect(simulation.violation == nil)
    #expect(simulation.replica(0)?.log.map(\.description) == [])
    #expect(simulation.replica(0)?.slotOut == 1)
    #expect(simulation.acceptor(0)?.ballotNumber == Ballot(round: 0, leader: 1))
}

import PMMC
import PMMCSimulation
import Testing

/// The README's API tour, run as written, with its claims checked.
@Suite("README example")
struct ReadmeExampleTests {
    @Test func tourRunsAsDocumented() throws {
        let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(
            seed: 7, replicas: 2, leaders: 2, acceptors: 3, clients: 2,
            network: NetworkModel(latency: 1...10, lossRate: 0.05)))

        try simulation.put("k1", "v1", client: 0)
        try simulation.append("k1", "+", client: 1)
        try simulation.get("k1", client: 0)
        try simulation.schedule(.crash(.leader(0)), at: 40)

        let outcome = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 100_000)
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)

        // Clients are answered by the first replica to apply their command; let the other
        // catch up (it learns missed decisions by re-proposing), then the logs are equal.
        let caughtUp = simulation.run(
            until: { simulation in simulation.replicas.allSatisfy { $0.log == simulation.replicas[0].log } },
            timeLimit: simulation.now + 10_000)
        #expect(caughtUp == .conditionMet)
        let logs = simulation.replicas.map(\.log)
        #expect(logs.count == 2)
        #expect(logs[0] == logs[1])
        #expect(simulation.operations.count == 3)
        #expect(simulation.operations.allSatisfy { $0.isComplete && $0.return! >= $0.call })
        let get = try #require(simulation.operations.first { $0.body == .operation(.get(key: "k1")) })
        // The get returns exactly what the decided log before it produces.
        var replay = KeyValueStore()
        var replayedGet: String?
        for command in logs[0] {
            guard case .operation(let operation) = command.body else { continue }
            let output = replay.apply(operation)
            if operation == .get(key: "k1") { replayedGet = replayedGet ?? output }
        }
        #expect(get.output == replayedGet)
        #expect(simulation.replicas.allSatisfy { $0.state == replay })
    }
}

import Testing
import PMMC
import PMMCSimulation

@Suite("Linearizability: the documented examples")
struct LinearizabilityDocumentationTests {
    /// The example printed in Docs/Linearizability.md, exactly as documented, with its comments
    /// turned into expectations.
    @Test("the example of Docs/Linearizability.md gives what its comments say")
    func linearizabilityDocumentationExample() throws {
        var options = SimulationOptions(seed: 7, clients: 4)
        options.network = NetworkModel(latency: 1...10, lossRate: 0.1)
        let simulation = try Simulation<KeyValueStore>(options: options)
        for (number, operation) in KeyValueWorkload.random(count: 100, keys: 3, seed: 7).enumerated() {
            try simulation.submit(operation, client: number % 4)
        }
        simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 100_000)

        let history = KeyValueHistory(clientOperations: simulation.operations)
        let result = history.checkLinearizability(stepLimit: 1_000_000)
        #expect(result.description == "linearizable")
        let json = history.json
        let same = try KeyValueHistory(json: json)
        #expect(same == history)
        #expect(history.operations.count == 100)

        let stale = KeyValueHistory([
            .init(client: 0, input: .put(key: "k", value: "a"), output: "", call: 0, return: 5),
            .init(client: 0, input: .put(key: "k", value: "b"), output: "", call: 10, return: 15),
            .init(client: 1, input: .get(key: "k"), output: "a", call: 20, return: 25),
        ])
        #expect(stale.checkLinearizability().description == #"NOT linearizable: key "k" (3 operations): "#
            + #"c0 put("k", "a") [0, 5] → ""; c0 put("k", "b") [10, 15] → ""; c1 get("k") [20, 25] → "a""#)
    }

    /// The example in the doc comment of `KeyValueHistory`.
    @Test("the example of KeyValueHistory's doc comment is linearizable")
    func keyValueHistoryDocCommentExample() {
        let history = KeyValueHistory([
            .init(client: 0, input: .put(key: "k", value: "a"), output: "", call: 0, return: 10),
            .init(client: 1, input: .get(key: "k"), output: "a", call: 5, return: 12),
        ])
        #expect(history.checkLinearizability().description == "linearizable")
    }
}

import PMMC
import PMMCSimulation
import Testing
@testable import pmmc

/// `pmmc simulate`'s summary tells the story of a run: who led from when, the faults applied,
/// and what besides the operations filled the slots decided.
@Suite("Summary story")
struct SummaryStoryTests {
    /// The summary's lines, by their label.
    private func lines(of simulation: Simulation<KeyValueStore>, outcome: RunOutcome, operations: Int) -> [String: String] {
        let text = Summary(simulation: simulation, outcome: outcome, wallTime: .seconds(1), operations: operations,
                           timeLimit: 100_000, timeLimitGiven: true).text
        return Dictionary(text.split(separator: "\n").dropFirst().map { line in
            (String(line.prefix(14)).trimmingCharacters(in: .whitespaces), String(line.dropFirst(14)))
        }, uniquingKeysWith: { first, _ in first })
    }

    @Test("a crash of the active leader shows as a fault applied and a second leader adopted after it")
    func leaderCrash() throws {
        // Duplicates need both replicas to propose every request: the paper's broadcasting client.
        let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(seed: 3, clients: 4, settings: Settings(broadcastRequests: true)))
        for index in 0..<60 { try simulation.put("k\(index % 5)", "v\(index)", client: index % 4) }
        simulation.run(timeLimit: 290)
        let active = try #require((0..<2).first { simulation.leader($0)?.active == true })
        try simulation.schedule(.crash(.leader(active)), at: 300)
        let outcome = simulation.run(until: \.allOperationsCompleted, timeLimit: 100_000)
        #expect(outcome == .conditionMet)
        let summary = lines(of: simulation, outcome: outcome, operations: 60)
        #expect(summary["faults"] == "applied crash l\(active) at t=300")
        let adoptions = simulation.statistics.adoptions
        #expect(adoptions.count >= 2 && adoptions.first?.leader == .leader(active))
        let successor = try #require(adoptions.last)
        #expect(successor.leader != .leader(active) && successor.time > 300)
        #expect(summary["leaders"]?.hasSuffix("\(successor.leader) at \(successor.ballot) (t=\(successor.time.grouped))") == true,
                "\(summary["leaders"] ?? "none")")
        let duplicates = simulation.replicas.map(\.duplicatesSkipped).max() ?? 0
        #expect(duplicates > 0, "two replicas proposing in different orders decide some command twice")
        // While no leader is active, requests gather and go out in batches; duplicates are
        // then counted by client command.
        #expect(simulation.statistics.batchSlots > 0)
        #expect(summary["decisions"]?.contains(": \(duplicates) client commands in them were already decided in an earlier slot") == true,
                "\(summary["decisions"] ?? "none")")
    }

    @Test("without batching, the decisions line counts the slots that held a duplicate")
    func duplicatesWithoutBatching() throws {
        var options = SimulationOptions(seed: 3, clients: 4)
        options.settings.batching = nil
        options.settings.broadcastRequests = true
        let simulation = try Simulation<KeyValueStore>(options: options)
        for index in 0..<60 { try simulation.put("k\(index % 5)", "v\(index)", client: index % 4) }
        try simulation.schedule(.crash(.leader(0)), at: 300)
        let outcome = simulation.run(until: \.allOperationsCompleted, timeLimit: 100_000)
        let duplicates = simulation.replicas.map(\.duplicatesSkipped).max() ?? 0
        #expect(outcome == .conditionMet && duplicates > 0 && simulation.statistics.batchSlots == 0)
        let summary = lines(of: simulation, outcome: outcome, operations: 60)
        #expect(summary["decisions"]?.contains(": \(duplicates) held a command already decided in an earlier slot") == true,
                "\(summary["decisions"] ?? "none")")
    }

    @Test("a fault-free run with one leader names it once and no faults")
    func quietRun() throws {
        let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(seed: 1, leaders: 1))
        for index in 0..<10 { try simulation.put("k", "v\(index)", client: 0) }
        let outcome = simulation.run(until: \.allOperationsCompleted, timeLimit: 100_000)
        let summary = lines(of: simulation, outcome: outcome, operations: 10)
        #expect(summary["leaders"]?.hasPrefix("l0 at 0.0 (t=") == true)
        #expect(summary["faults"] == nil)
    }

    @Test("a long story keeps its first five and last two items")
    func longStory() {
        #expect(Summary.story((1...8).map(String.init)) == "1, 2, 3, 4, 5, 6, 7, 8")
        #expect(Summary.story((1...20).map(String.init)) == "1, 2, 3, 4, 5, … 13 more …, 19, 20")
        #expect(Summary.leadership([]) == "no leader was adopted")
    }
}

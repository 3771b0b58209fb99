import PMMC
import PMMCSimulation

/// A studio session written as a Swift Testing test: it builds a simulation of the scenario's
/// options,
/// replays each step carried out (its narration as a comment), and checks the state reached:
/// the virtual time, each replica's log and slot_out, each acceptor's ballot_num, and that no
/// invariant was violated.
struct TestExport<Machine: StudioMachine> {
    let scenario: StudioScenario
    let branch: String
    let entries: [Timeline<ScriptedAction<Machine>>.Entry]
    let simulation: Simulation<Machine>

    var source: String {
        var lines = [
            "import PMMC",
            "import PMMCSimulation",
            "import PMMCTeaching",
            "import Testing",
            "",
            "/// Exported by `pmmc studio`: \(Self.comment(scenario.description)), branch \(Self.comment(branch)), \(entries.count) step\(entries.count == 1 ? "" : "s").",
            "@Test func studioSession() throws {",
            "    let options = \(optionsExpression)",
            "    let simulation = try Simulation<\(Machine.swiftName)>(options: options)",
        ]
        for (number, entry) in entries.enumerated() {
            lines.append("    // \(number + 1). \(Self.comment(entry.label))")
            lines += entry.actions.map { "    " + SwiftLiteral.call($0) }
        }
        lines.append("    #expect(simulation.now == \(simulation.now))")
        lines.append("    #expect(simulation.violation \(simulation.violation == nil ? "==" : "!=") nil)")
        for replica in simulation.replicas {
            let index = Self.index(replica.id)
            let log = "[" + replica.log.map { SwiftLiteral.string($0.description) }.joined(separator: ", ") + "]"
            lines.append("    #expect(simulation.replica(\(index))?.log.map(\\.description) == \(log))")
            lines.append("    #expect(simulation.replica(\(index))?.slotOut == \(replica.slotOut))")
        }
        for id in simulation.processIDs {
            guard case .acceptor(let index) = id, let acceptor = simulation.acceptor(index) else { continue }
            lines.append("    #expect(simulation.acceptor(\(index))?.ballotNumber == \(SwiftLiteral.ballot(acceptor.ballotNumber)))")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The options written out in full, so that the test replays the same run even if the
    /// walk-through it came from changes.
    private var optionsExpression: String {
        let options = simulation.options
        return "SimulationOptions(seed: \(options.seed), replicas: \(options.replicas), leaders: \(options.leaders), "
            + "acceptors: \(options.acceptors), clients: \(options.clients), settings: \(SwiftLiteral.settings(options.settings)), "
            + "network: \(SwiftLiteral.network(options.network)), checkInvariants: \(options.checkInvariants))"
    }

    private static func index(_ id: ProcessID) -> Int {
        switch id {
        case .client(let index), .replica(let index), .leader(let index), .acceptor(let index): index
        case .scout(let leader, _), .commander(let leader, _): leader
        }
    }

    /// `text` on one line with no control characters, for a `//` comment.
    private static func comment(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }
}

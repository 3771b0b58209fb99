import Foundation
import Testing
import PMMC
import PMMCTeaching

/// Every walk-through runs to the end and the invariants it demonstrates hold.
@Suite struct WalkthroughTests {
    @Test(arguments: Walkthroughs.all.map(\.name))
    func finalChecksHold(name: String) throws {
        let transcript = try #require(Walkthroughs.named(name)).run()
        #expect(!transcript.checks.isEmpty, "a walk-through demonstrates at least one invariant")
        for check in transcript.checks {
            #expect(check.holds, "\(check.name): \(check.statement) — \(check.detail)")
        }
        #expect(transcript.parts.allSatisfy { !$0.steps.isEmpty })
        #expect(!transcript.lesson.isEmpty)
    }

    /// The catalog lists the walk-throughs in the order Docs/Walkthroughs.md teaches them, and
    /// finds each by its name.
    @Test func namesAreUniqueAndListedInTeachingOrder() throws {
        let names = Walkthroughs.all.map(\.name)
        #expect(Set(names).count == names.count)
        let tutorial = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/Walkthroughs.md"),
            encoding: .utf8)
        let headings = tutorial.split(separator: "\n").filter { $0.hasPrefix("## ") && $0.hasSuffix("`") }
        let taught = headings.compactMap { $0.split(separator: "`").last.map(String.init) }
        #expect(taught == names)
        #expect(names.first == "acceptors", "the course starts with the acceptor's rules")
        for name in names {
            #expect(Walkthroughs.named(name)?.name == name)
        }
        #expect(Walkthroughs.named("no-such-walkthrough") == nil)
    }

    @Test("a mistyped name suggests the walk-through meant", arguments: [
        ("electd", "getting-elected"),
        ("acceptor", "acceptors"),
        ("failover", "leader-failover"),
        ("Dueling-Leader", "dueling-leaders"),
        ("reconfigration", "reconfiguration"),
    ])
    func nearestName(typed: String, meant: String) {
        #expect(Walkthroughs.nearest(to: typed)?.name == meant)
    }

    @Test("a name near nothing suggests nothing", arguments: ["nosuch", "", "x", "leaderboard-of-fame"])
    func nothingNear(typed: String) {
        #expect(Walkthroughs.nearest(to: typed) == nil)
    }

    @Test("single-decree case 2: a node done with a value other than its v_a says which")
    func caseTwoNamesTheDecidedValue() throws {
        let transcript = try #require(Walkthroughs.named("single-decree")).run()
        let caseTwo = try #require(transcript.parts.first { $0.heading?.contains("case 2") == true })
        let tables = caseTwo.steps.flatMap(\.panels).compactMap { panel -> StateTable? in
            if case .table(let table) = panel { return table }
            return nil
        }
        let last = try #require(tables.last)
        let vA = try #require(last.rows.first { $0.label == "v_a" })
        let done = try #require(last.rows.first { $0.label == "done" })
        // Node 0 accepted l1's view at 0.1, which was never chosen; it learns l2's.
        #expect(vA.cells[0] == "{1, {0,…,4}}")
        #expect(done.cells[0] == "T: {1, {0,2,3,4}}")
        // Nodes 2 to 4 accepted the value decided: plain T.
        #expect(done.cells[2...].allSatisfy { $0 == "T" })
    }
}

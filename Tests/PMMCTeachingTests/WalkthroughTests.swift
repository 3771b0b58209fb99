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

    @Test func namesAreUniqueAndListedInOrder() {
        let names = Walkthroughs.all.map(\.name)
        #expect(Set(names).count == names.count)
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
}

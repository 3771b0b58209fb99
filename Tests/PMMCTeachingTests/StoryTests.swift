import Foundation
import Testing
import PMMC
import PMMCTeaching

/// Walk-throughs written as story files: the format's lines, its errors, and the example in
/// Docs/stories.
@Suite struct StoryTests {
    private static let minimal = """
        title: Elected
        cluster: replicas 1, leaders 1, acceptors 3, clients 0
        setup: l0 is elected
            start l0
            elect l0 by a0 a1 a2
        expect l0 active
        expect a2 ballot 0.0
        """

    @Test func theDocumentedStoryRunsAndItsExpectationsHold() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/stories/lost-p2b.story")
        let story = try Story(parsing: String(contentsOf: url, encoding: .utf8), name: "lost-p2b")
        #expect(story.branches.map(\.heading) == ["Branch A: a1 and a2 answer", "Branch B: a1's p2b is lost too"])
        #expect(story.summary == "A commander waits for p2b from a majority of acceptors, not from all of them")
        let transcript = try Walkthrough(story: story).run()
        #expect(transcript.parts.count == 3)
        #expect(transcript.checks.count == 5)
        #expect(transcript.allChecksHold, "\(transcript.checks.filter { !$0.holds })")
    }

    @Test func expectationsCanFailAndSayWhatTheyFound() throws {
        let text = Self.minimal.replacingOccurrences(of: "expect a2 ballot 0.0", with: "expect a2 ballot 1.0\nexpect l0 passive")
        let transcript = try Walkthrough(story: Story(parsing: text, name: "elected")).run()
        #expect(transcript.checks.map(\.holds) == [true, false, false])
        #expect(transcript.checks[1].name == "line 7")
        #expect(transcript.checks[1].detail == "a2's ballot_num: 0.0")
        #expect(transcript.checks[2].detail == "l0: active true, ballot_num 0.0")
    }

    @Test func aSetupStepListsOnlyDecisionsAndCrashes() throws {
        let transcript = try Walkthrough(story: Story(parsing: Self.minimal, name: "elected")).run()
        let step = try #require(transcript.parts.first?.steps.first)
        #expect(step.events.isEmpty)
        #expect(step.narration == "l0 is elected")
    }

    @Test func anActionThatCannotRunNamesItsLine() throws {
        let text = Self.minimal + "\nstep: a lost message arrives\n    deliver p2b from a0\n"
        #expect(throws: WalkthroughError.self) { try Walkthrough(story: Story(parsing: text, name: "x")).run() }
        do {
            _ = try Walkthrough(story: Story(parsing: text, name: "x")).run()
        } catch let error as WalkthroughError {
            #expect(error.step == 2)
            #expect(error.reason == "line 9: no pending p2b from a0", "\(error.reason)")
        }
    }

    @Test func aRestartedProcessComesBackWithItsState() throws {
        let text = Self.minimal.replacingOccurrences(of: "expect l0 active", with: """
            step: a2 and l0 crash and come back
                crash a2
                crash l0
                restart a2
                restart l0
            expect l0 passive
            """)
        let transcript = try Walkthrough(story: Story(parsing: text, name: "restarted")).run()
        #expect(transcript.allChecksHold, "\(transcript.checks.filter { !$0.holds })")
        let events = try #require(transcript.parts.first?.steps.last?.events)
        #expect(events.filter { $0.kind == .restart }.map { $0.source } == [.acceptor(2), .leader(0)])
        #expect(events.contains { $0.kind == .spawn && $0.source == .leader(0) && $0.message == "scout 1.0" }, "l0 scouts again with 1.0")
        #expect(TextRenderer().render(transcript).contains("↻ a2 restarted"))
    }

    @Test("a timer is fired by its name, and only that timer fires", arguments: ["executedReport", "proposalRetransmit"])
    func aTimerFiresByItsName(timer: String) throws {
        let text = """
            title: T
            cluster: replicas 1, leaders 1, acceptors 3, clients 1
            settings: practical
            step: c0 asks
                submit A by c0
                deliver request
            step: r0's timer fires
                fire \(timer) of r0
            """
        let transcript = try Walkthrough(story: Story(parsing: text, name: "timer")).run()
        let events = try #require(transcript.parts.first?.steps.last?.events)
        let fired = events.filter { $0.kind == .timer }
        #expect(fired.count == 1)
        #expect(fired.first?.source == .replica(0))
        #expect(fired.first?.timer?.description.hasPrefix(timer) == true, "\(fired)")
    }

    @Test func restartingARunningProcessNamesItsLine() throws {
        let text = Self.minimal + "\nstep: a2 restarts\n    restart a2\n"
        do {
            _ = try Walkthrough(story: Story(parsing: text, name: "x")).run()
            Issue.record("a restart of a running process ran")
        } catch let error as WalkthroughError {
            #expect(error.reason.hasPrefix("line 9: a2 is not crashed at t="), "\(error.reason)")
        }
    }

    @Test("malformed stories are refused with the line and the problem", arguments: [
        ("title: T\nstep: s\n    restart", "line 3: write 'restart a0'"),
        ("cluster: replicas 1\nstep: x\n    start l0", "line 2: a story needs a 'title:' line before its first step"),
        ("title: T\ntitle: U", "line 2: 'title:' is given twice"),
        ("title: T\nstep: s\n    delivr p1a", "line 3: unknown action 'delivr'; actions are start, elect, accept, submit, deliver, drop, fire, crash, restart, run"),
        ("title: T\nstep: s\n    deliver p3a", "line 3: unknown message kind 'p3a'; kinds are " + MessageKind.allCases.map(\.description).joined(separator: ", ")),
        ("title: T\nstep: s\n    start l1", "line 3: the cluster has no l1"),
        ("title: T\nstep: s\n    start a0", "line 3: only a leader starts; 'a0' is not one"),
        ("title: T\nstep: s\n    start x9", "line 3: 'x9' is not a process; write r0, l0, a0, c0"),
        ("title: T\nstep: s\n    deliver p2a from l0/c2 to q", "line 3: 'q' is not a process; write r0, l0, a0, c0 or a child such as l0/c2"),
        ("title: T\nstep: s\n    fire tick of r0", "line 3: unknown timer 'tick'; timers are requestRetransmit, proposalRetransmit, phaseRetransmit, executedReport, missingDecision, batchFlush, leaderCheck, backoff"),
        ("title: T\nstep: s\n    run 0", "line 3: write 'run N' with N ticks, at least 1"),
        ("title: T\nstep: s", "line 2: step 's' has no actions; list them on indented lines below it"),
        ("title: T\n    start l0", "line 2: an indented action must follow a 'step:' or 'setup:' line"),
        ("title: T\nstart l0", "line 2: expected 'step:', 'setup:', 'expect' or 'or:', found 'start l0'"),
        ("title: T\ncluster: replicas 0", "line 2: a cluster needs at least one of replicas"),
        ("title: T\ncluster: learners 2", "line 2: unknown role 'learners'; roles are replicas, leaders, acceptors, clients"),
        ("title: T\nsettings: fast", "line 2: settings must be 'paper' or 'practical', not 'fast'"),
        ("title: T\nexpect l0 ballot x", "line 2: a ballot is written round.leader, e.g. 0.1, not 'x'"),
        ("title: T\nexpect r0 active", "line 2: cannot expect 'r0 active'; expectations are 'r0 log A B', 'a0 ballot 0.1', 'l0 active', 'l0 passive', 'a0 accepted <0.1, 1, A>', 'slot 1 decided A', 'c0 output [A]'"),
        ("title: T\nexpect l0 active", "line 2: a story needs at least one 'step:' or 'setup:'"),
        ("title: T\nstep: s\n    start l0\nor: B", "line 4: branch 'B' has no step"),
        ("title: T\nstep: s\n    start l0\nor:", "line 4: 'or:' needs a heading for the branch"),
    ])
    func malformed(text: String, message: String) {
        #expect(throws: StoryError.self) { try Story(parsing: text, name: "x") }
        do {
            _ = try Story(parsing: text, name: "x")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func commentsBlankLinesAndContinuedLessonsAreRead() throws {
        let text = """
            # a comment
            title: T

            lesson: first part,
                second part.
            step: s
                # a comment among actions
                start l0

                elect l0 by a0 a1 a2
            """
        let story = try Story(parsing: text, name: "t")
        #expect(story.lesson == "first part, second part.")
        #expect(story.summary == "first part, second part")
        guard case .step(let step) = try #require(story.entries.first) else { Issue.record("not a step"); return }
        #expect(step.actions.map(\.line) == [8, 10])
    }
}

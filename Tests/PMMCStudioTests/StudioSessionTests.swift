import PMMC
import PMMCSimulation
import PMMCStudio
import PMMCTeaching
import PMMCTrace
import Foundation
import Testing

@Suite struct StudioSessionTests {
    func session(_ name: String) throws -> StudioSession<Labels> {
        try #require(try StudioScenario.walkthrough(name: name, part: 0).open() as? StudioSession<Labels>)
    }

    func acceptor(_ index: Int, in session: StudioSession<Labels>) -> [String]? {
        session.view().processes.first { $0.id == "a\(index)" }?.lines
    }

    @Test func aWalkthroughsOutcomesAreItsBranchesAndStepsReplayItsScript() throws {
        let studio = try session("getting-elected")
        let transcript = try #require(Walkthroughs.named("getting-elected")).run()
        #expect(studio.timeline.branches.map(\.name) == transcript.parts.dropFirst().map(\.heading))
        #expect(studio.timeline.branches.map(\.entries.count) == [8, 7])
        let branch = studio.timeline.branch
        for _ in branch.entries { try studio.perform(.forward) }
        let script = try #require(transcript.parts[1].recording?.actions(of: Labels.self))
        #expect(studio.simulation.log == script, "the steps carried out are the walk-through's own calls")
        #expect(studio.simulation.leader(0)?.ballotNumber == Ballot(round: 1, leader: 0))
    }

    @Test func goingBackAndTakingAnotherWayForksABranch() throws {
        let studio = try session("getting-elected")
        try studio.perform(.branch(1))
        try studio.perform(.go(to: 2))
        try studio.perform(.forward)
        #expect(acceptor(0, in: studio) == ["ballot_num: 0.0", "accepted: []"])
        try studio.perform(.back)
        #expect(acceptor(0, in: studio) == ["ballot_num: _", "accepted: []"])
        let lost = try #require(studio.simulation.pendingMessages(from: .leader(0), to: .acceptor(0), kind: .p1a).first)
        try studio.perform(.drop(lost.id))
        #expect(studio.timeline.branches.count == 3)
        #expect(studio.timeline.current == 2 && studio.timeline.position == 3)
        #expect(studio.timeline.branches[1].entries.count == 7, "the walk-through's branch is kept whole")
        let last = try #require(studio.view().entries.last)
        #expect(last.label == "drop l0/s1 → a0 p1a(0.0)" && !last.scripted)
        #expect(acceptor(0, in: studio) == ["ballot_num: _", "accepted: []"])
        #expect(studio.simulation.pendingMessages(from: .leader(0), to: .acceptor(0)).isEmpty)
        try studio.perform(.fork(name: "what if"))
        let fork = try #require(studio.view().branches.last)
        #expect(fork.name == "what if" && fork.length == 3)
    }

    @Test func duplicateCrashSubmitAndRunOnAClusterOfOnesOwn() throws {
        let studio = try #require(try StudioScenario.cluster(.init(replicas: 1, leaders: 1, acceptors: 3, clients: 1, machine: .kv)).open()
            as? StudioSession<KeyValueStore>)
        try studio.perform(.submit(client: 0, operation: "put k1 v1"))
        let request = try #require(studio.simulation.pendingMessages(kind: .request).first)
        try studio.perform(.duplicate(request.id))
        #expect(studio.simulation.pendingMessages(kind: .request).count == 2)
        try studio.perform(.crash(.acceptor(2)))
        #expect(studio.view().processes.first { $0.id == "a2" }?.crashed == true)
        try studio.perform(.run(ticks: 200))
        #expect(studio.simulation.replica(0)?.log.map(\.description) == ["Put k1 v1"])
        #expect(studio.simulation.violation == nil)
        #expect(studio.view().diagram.contains("<svg"))
    }

    @Test func aRestartIsAStepOfTheTimelineThatReplaysExportsAndTraces() throws {
        let studio = try #require(try StudioScenario.cluster(.init(replicas: 1, leaders: 1, acceptors: 3, clients: 1, machine: .kv)).open()
            as? StudioSession<KeyValueStore>)
        try studio.perform(.run(ticks: 40))
        try studio.perform(.crash(.acceptor(0)))
        let frozen = try #require(studio.simulation.acceptor(0))
        #expect(frozen.ballotNumber != .bottom, "a0 had adopted l0's ballot")
        #expect(throws: StudioError(status: 409, "a1 is not crashed; only a crashed process can restart")) { try studio.perform(.restart(.acceptor(1))) }
        try studio.perform(.restart(.acceptor(0)))
        #expect(studio.view().entries.last?.label == "restart a0")
        #expect(studio.view().processes.first { $0.id == "a0" }?.crashed == false)
        #expect(studio.simulation.acceptor(0) == frozen, "a0 comes back as it was")

        try studio.perform(.back)
        #expect(studio.simulation.isCrashed(.acceptor(0)), "one step back, a0 is down again")
        try studio.perform(.forward)
        #expect(!studio.simulation.isCrashed(.acceptor(0)))
        try studio.perform(.fork(name: "after the restart"))
        #expect(studio.view().branches.last?.length == 3)

        try studio.perform(.submit(client: 0, operation: "put k1 v1"))
        try studio.perform(.run(ticks: 200))
        #expect(studio.simulation.replica(0)?.log.map(\.description) == ["Put k1 v1"])
        #expect(studio.simulation.acceptor(0)?.accepted.isEmpty == false, "the restarted a0 accepts again")
        #expect(studio.exportedTest().contains("    // 3. restart a0\n    try simulation.restart(.acceptor(0))\n"))
        let trace = try TraceFile(parsing: studio.exportedTrace())
        #expect(trace.events.contains { $0.kind == .restart && $0.source == .acceptor(0) })
    }

    @Test func refusedMovesSayWhyAndChangeNothing() throws {
        let studio = try session("acceptors")
        let before = studio.view()
        #expect(throws: StudioError(status: 404, "no pending event #999; it may have been handled already")) { try studio.perform(.perform(999)) }
        #expect(throws: StudioError(status: 409, "already at the start")) { try studio.perform(.back) }
        #expect(throws: StudioError(status: 409, "this scenario has no clients")) { try studio.perform(.submit(client: 0, operation: "A")) }
        #expect(throws: StudioError(status: 400, "'not an op' is not an operation here; try e.g. 'A'")) {
            try studio.perform(.submit(client: 0, operation: "not an op"))
        }
        #expect(throws: StudioError(status: 404, "no process a7 in this simulation")) { try studio.perform(.crash(.acceptor(7))) }
        #expect(studio.view() == before)
    }

    @Test func theTraceExportIsATraceFileWithEveryEvent() throws {
        let studio = try session("acceptors")
        try studio.perform(.forward)
        try studio.perform(.forward)
        let file = try TraceFile(parsing: studio.exportedTrace())
        #expect(file.header.command == "studio" && file.header.arguments == ["acceptors"])
        #expect(file.events == studio.transcript().parts[0].steps.flatMap(\.events))
        #expect(file.events.contains { $0.kind == .deliver })
    }

    /// The exported test is compiled and run as ``studioSession()`` in ExportedSession.swift.
    @Test func theExportedTestIsTheOneCheckedIn() throws {
        let studio = try session("acceptors")
        try studio.perform(.forward)
        try studio.perform(.forward)
        let reply = try #require(studio.simulation.pending.first { $0.envelope?.message.kind == .p1b })
        try studio.perform(.drop(reply.id))
        try studio.perform(.crash(.acceptor(0)))
        try studio.perform(.restart(.acceptor(0)))
        let golden = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ExportedSession.swift"), encoding: .utf8)
        #expect(studio.exportedTest() == golden)
    }
}

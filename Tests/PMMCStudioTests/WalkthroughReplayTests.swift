import PMMC
import PMMCSimulation
import PMMCStudio
import PMMCTeaching
import Testing

/// Every line of every walk-through, replayed step by step in the studio, makes the same
/// scripted calls as the walk-through and ends in the same state.
@Suite struct WalkthroughReplayTests {
    @Test(arguments: Walkthroughs.all.map(\.name))
    func everyBranchReplaysItsPartOfTheWalkthrough(name: String) throws {
        let transcript = try #require(Walkthroughs.named(name)).run()
        for (part, _) in StudioScenario.startingParts(of: transcript) {
            let session = try StudioScenario.walkthrough(name: name, part: part).open()
            if let labels = session as? StudioSession<Labels> {
                try check(labels, transcript)
            } else {
                try check(try #require(session as? StudioSession<KeyValueStore>), transcript)
            }
        }
    }

    func check<Machine: StudioMachine>(_ session: StudioSession<Machine>, _ transcript: Transcript) throws {
        #expect(!session.timeline.branches.isEmpty)
        for (index, branch) in session.timeline.branches.enumerated() {
            let part = try #require(transcript.parts.last { ($0.heading ?? "main") == branch.name })
            let log = try #require(part.recording?.actions(of: Machine.self))
            #expect(part.steps.last?.actionCount == log.count)
            for position in stride(from: branch.entries.count, through: 0, by: -1) {
                try session.perform(.branch(index))
                try session.perform(.go(to: position))
                #expect(log.starts(with: session.simulation.log), "\(branch.name) step \(position)")
                if position == branch.entries.count {
                    #expect(session.simulation.log == log, "\(branch.name) ends where the walk-through's part ends")
                }
            }
            #expect(session.view().processes.allSatisfy { !$0.changed }, "nothing changed at the start")
        }
    }
}

import PMMC
import PMMCSimulation
import PMMCTeaching

/// Turns a walk-through's transcript into a session's branches: one per line of the story
/// from the part it starts from to an end (an outcome, or the part itself when it has none),
/// whose entries are the narrated steps leading there, carried out by the slices of the
/// part's ``ScriptRecording`` between steps.
enum WalkthroughBranches<Machine: StudioMachine> {
    typealias Branch = Timeline<ScriptedAction<Machine>>.Branch

    /// A session on `transcript`'s part `root` and its outcomes; `nil` when the walk-through
    /// runs on another machine.
    static func session(
        _ scenario: StudioScenario, _ transcript: Transcript, root: Int, options: SimulationOptions
    ) throws(StudioError) -> StudioSession<Machine>? {
        guard transcript.parts[root].recording?.actions(of: Machine.self) != nil else { return nil }
        return try StudioSession(scenario: scenario, title: transcript.title, lesson: transcript.lesson, options: options,
                                 branches: branches(transcript, root: root))
    }

    /// One branch per part descending from `root` (itself included) that has steps and no
    /// outcomes of its own: a fork's steps are the start of each of its outcomes' branches.
    static func branches(_ transcript: Transcript, root: Int) -> [Branch] {
        var chains: [Int: [(label: String, number: Int, count: Int)]] = [:]
        var branches: [Branch] = []
        for (index, part) in transcript.parts.enumerated() {
            var chain: [(label: String, number: Int, count: Int)]
            if index == root {
                chain = []
            } else if let parent = part.forksFrom, let inherited = chains[parent] {
                let firstNumber = part.steps.first?.number ?? .max
                chain = inherited.filter { $0.number < firstNumber }
            } else {
                continue
            }
            chain += part.steps.map { ($0.narration, $0.number, $0.actionCount ?? 0) }
            chains[index] = chain
            let forked = transcript.parts.contains { $0.forksFrom == index }
            guard !forked, !part.steps.isEmpty, let actions = part.recording?.actions(of: Machine.self) else { continue }
            var start = 0
            let entries = chain.map { step in
                defer { start = step.count }
                return Timeline<ScriptedAction<Machine>>.Entry(label: step.label, scripted: true, actions: Array(actions[start..<step.count]))
            }
            branches.append(Branch(name: part.heading ?? "main", entries: entries))
        }
        return branches
    }
}

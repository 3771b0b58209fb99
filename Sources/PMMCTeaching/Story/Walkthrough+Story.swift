import PMMC
import PMMCSimulation

extension Walkthrough {
    /// The walk-through a story file tells: its steps run on a simulator of the story's
    /// cluster, on the toy application whose commands are labels, and its expectations
    /// become the checks at the end of the story or of their branch. A step whose action
    /// cannot be carried out (no such message pending, say) stops the run with a
    /// ``WalkthroughError`` that names the action's line.
    public init(story: Story) {
        self.init(name: story.name, title: story.title, summary: story.summary) { () throws(WalkthroughError) -> Transcript in
            let cluster = story.cluster
            let options = Scene.options(
                replicas: cluster.replicas, leaders: cluster.leaders, acceptors: cluster.acceptors,
                clients: cluster.clients, settings: story.settings)
            let lanes = story.lanes
                ?? (0..<cluster.clients).map(ProcessID.client) + (0..<cluster.replicas).map(ProcessID.replica)
                + (0..<cluster.leaders).map(ProcessID.leader) + (0..<cluster.acceptors).map(ProcessID.acceptor)
            let script = try Script<Labels>(title: story.title, lesson: story.lesson, options: options, lanes: lanes)
            try StoryTeller.tell(story.entries, on: script)
            for branch in story.branches {
                try script.outcome(branch.heading) { outcome throws(WalkthroughError) in
                    try StoryTeller.tell(branch.entries, on: outcome)
                }
            }
            return script.transcript
        }
    }
}

/// Carries out a story's entries on a script.
enum StoryTeller {
    static func tell(_ entries: [Story.Entry], on script: Script<Labels>) throws(WalkthroughError) {
        for entry in entries {
            switch entry {
            case .step(let step):
                var line = step.line
                do {
                    try script.step(step.narration, quiet: step.quiet) { simulation throws(SimulationError) in
                        for action in step.actions {
                            line = action.line
                            try perform(action.kind, on: simulation)
                        }
                    }
                } catch {
                    throw WalkthroughError(step: error.step, reason: "line \(line): \(error.reason)")
                }
            case .expectation(let expectation):
                let (holds, detail) = check(expectation.kind, on: script.simulation)
                script.check("line \(expectation.line)", expectation.text, holds: holds, detail)
            }
        }
    }

    private static func perform(_ action: Story.Action.Kind, on simulation: Simulation<Labels>) throws(SimulationError) {
        switch action {
        case .start(let leader):
            try simulation.start(leader)
        case .elect(let leader, let acceptors):
            try simulation.elect(leader, by: acceptors)
        case .accept(let slot, let leader, let acceptors):
            if let slot {
                try simulation.accept(slot: slot, from: leader, at: acceptors)
            } else {
                try simulation.accept(from: leader, at: acceptors)
            }
        case .submit(let label, let client):
            try simulation.submit(label, client: client)
        case .deliver(let kind, let source, let destination):
            try simulation.deliver(kind, from: source, to: destination)
        case .drop(let kind, let source, let destination):
            try simulation.drop(kind, from: source, to: destination)
        case .fire(let name, let process):
            let timer = simulation.pending.first { event in
                guard case .timer(let owner, let timer) = event.kind else { return false }
                return (owner == process || owner.host == process && process.host == process)
                    && (name == nil || timer.name == name)
            }
            guard let timer else { throw .noSuchEvent("timer " + (name.map { "\($0) " } ?? "") + "of \(process)") }
            try simulation.perform(timer.id)
        case .crash(let process):
            try simulation.crash(process)
        case .restart(let process):
            try simulation.restart(process)
        case .run(let ticks):
            simulation.run(timeLimit: simulation.now + ticks)
        }
    }

    private static func check(_ expectation: Story.Expectation.Kind, on simulation: Simulation<Labels>) -> (Bool, String) {
        switch expectation {
        case .log(let id, let labels):
            guard let replica = simulation.replica(id.index) else { return (false, "\(id) is not running") }
            let log = replica.log.map(\.description)
            return (log == labels, "\(id)'s log: " + SlideNotation.list(log))
        case .ballot(let id, let ballot):
            let actual: Ballot? = switch id {
            case .acceptor(let index): simulation.acceptor(index)?.ballotNumber
            default: simulation.leader(id.index)?.ballotNumber
            }
            return (actual == ballot, "\(id)'s ballot_num: " + (actual.map(\.description) ?? "none"))
        case .active(let id, let active):
            guard let leader = simulation.leader(id.index) else { return (false, "\(id) is not running") }
            return (leader.active == active, "\(id): active \(leader.active), ballot_num \(leader.ballotNumber)")
        case .accepted(let id, let pvalue):
            guard let acceptor = simulation.acceptor(id.index) else { return (false, "\(id) is not running") }
            let accepted = acceptor.accepted.map(\.description)
            return (accepted.contains(pvalue), "\(id)'s accepted: " + SlideNotation.list(accepted))
        case .decided(let slot, let command):
            let known = simulation.replicas.compactMap { replica in replica.decisions[slot].map { (replica.id, $0.description) } }
            let detail = known.isEmpty ? "no replica knows slot \(slot)" : known.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
            return (!known.isEmpty && known.allSatisfy { $0.1 == command }, "slot \(slot) decided at " + detail)
        case .output(let id, let output):
            let answered = simulation.operations.last { $0.client == id && $0.isComplete }
            let actual = answered.map { $0.output ?? "nothing" }
            return (actual == output, "\(id)'s latest answer: " + (actual ?? "none yet"))
        }
    }
}

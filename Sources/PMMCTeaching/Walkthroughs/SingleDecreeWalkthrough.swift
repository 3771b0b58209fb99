import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Seed 002's single-decree Paxos: five nodes agree on a view, phase by phase, with the
    /// notes' state table and their leader-failure cases.
    static let singleDecree = Walkthrough(
        name: "single-decree",
        title: "Single-decree Paxos in three phases",
        summary: "five nodes agree on a view; the leader fails before, during or after its accepts"
    ) { () throws(WalkthroughError) -> Transcript in
        let nodes = 0..<5
        let acceptors = nodes.map(ProcessID.acceptor), replicas = nodes.map(ProcessID.replica)
        let l1 = ProcessID.leader(1), l2 = ProcessID.leader(2)
        let view = "{1, {0,…,4}}", smallerView = "{1, {0,2,3,4}}"
        let script = try Script<Labels>(
            title: "Single-decree Paxos in three phases",
            lesson: """
                Before Multi-Paxos, one decree: five nodes must agree on the next view {view#, \
                participants}. Each node keeps n_h, the highest proposal number it has promised; \
                n_a and v_a, the proposal number and value it last accepted; and done, whether it \
                knows the outcome. Phase 1 (prepare): a leader picks a number above any it knows \
                and asks every node to promise. Phase 2 (accept): with promises from a majority it \
                proposes a value (the value with the highest n_a among the replies, or its own if \
                there is none) and asks every node to accept. Phase 3 (decide): with a majority of \
                accepts the value is chosen, and every node is told. Here node i is acceptor ai, \
                replica ri and, for nodes 1 and 2, leader li, so this is PMMC with a single slot: \
                n_h is ballot_num, (n_a, v_a) the pvalue accepted for slot 1, done a decision for \
                slot 1. The notes write node 1's first proposal number as 11 (round 1, node 1); \
                PMMC rounds start at 0, so it is ballot 0.1. Then the notes' failure cases: the \
                leader fails before sending accepts, after sending them to a minority, and after \
                sending them to a majority.
                """,
            options: Scene.options(replicas: 5, leaders: 3, acceptors: 5, clients: 2),
            lanes: [.client(0), .client(1), .leader(0), l1, l2] + acceptors + replicas, watched: [l1, l2])

        func table(_ simulation: Simulation<Labels>, _ title: String) -> StateTable {
            let accepted = nodes.map { node in
                simulation.acceptor(node)!.accepted.filter { $0.slot == 1 }.max { $0.ballot < $1.ballot }
            }
            return StateTable(
                title: title,
                columns: nodes.map { node in simulation.isCrashed(.acceptor(node)) ? "\(node) (failed)" : "\(node)" },
                rows: [
                    .init(label: "n_a", cells: accepted.map { $0?.ballot.description ?? "_" }),
                    .init(label: "v_a", cells: accepted.map { $0?.command.description ?? "nil" }),
                    .init(label: "n_h", cells: nodes.map { simulation.acceptor($0)!.ballotNumber.description }),
                    .init(label: "done", cells: nodes.map { node in done(simulation, node: node, accepted: accepted[node]) }),
                ])
        }
        /// `F`, or `T` when node `node` knows the outcome; when the value decided is not the
        /// node's own `v_a` (it accepted an older value that was never chosen), `T` names it.
        func done(_ simulation: Simulation<Labels>, node: Int, accepted: PValue<Labels>?) -> String {
            guard let decided = simulation.replica(node)!.decisions[1] else { return "F" }
            guard let accepted, accepted.command != decided else { return "T" }
            return "T: \(decided)"
        }
        func phase(_ story: Script<Labels>, _ narration: String, table title: String,
                   _ action: (Simulation<Labels>) throws(SimulationError) -> Void) throws(WalkthroughError) {
            try story.step(narration, action)
            story.attach(table(story.simulation, title))
        }
        func failNode(_ node: Int, in story: Script<Labels>, _ narration: String) throws(WalkthroughError) {
            try phase(story, narration, table: "after node \(node) fails") { simulation throws(SimulationError) in
                for process in [ProcessID.leader(node), .acceptor(node), .replica(node)] { try simulation.crash(process) }
            }
        }
        /// Node 2 takes over: r2 proposes the smaller view, l2 runs all three phases with nodes 2, 3, 4.
        func takeOver(_ story: Script<Labels>) throws(WalkthroughError) -> String? {
            try story.step("Node 2 times out and will lead; its replica proposes the view without node 1, \(smallerView)") {
                simulation throws(SimulationError) in
                try simulation.deliver(.request, from: .client(1), to: .replica(2))
                try simulation.deliver(.propose, from: .replica(2), to: l2)
                try simulation.start(l2)
            }
            try phase(story, "Phase 1: l2's prepare, ballot 0.2, reaches nodes 2, 3 and 4; their promises make a majority",
                      table: "after l2's phase 1") { simulation throws(SimulationError) in
                for node in 2...4 { try simulation.deliver(.p1a, from: l2, to: .acceptor(node)) }
                for node in 2...4 { try simulation.deliver(.p1b, from: .acceptor(node), to: l2) }
                try simulation.deliver(.adopted, to: l2)
            }
            let value = story.simulation.leader(2)!.proposals[1]?.description
            try phase(story, "Phases 2 and 3: l2 asks nodes 2, 3, 4 to accept \(value ?? "?"), and tells every live node the outcome",
                      table: "after l2's phase 3") { simulation throws(SimulationError) in
                try simulation.accept(from: l2, at: (2...4).map(ProcessID.acceptor))
                for node in nodes where node != 1 { try simulation.deliver(.decision, from: l2, to: .replica(node)) }
            }
            return value
        }
        func agreement(_ story: Script<Labels>, _ name: String, expected: String) {
            let done = nodes.compactMap { story.simulation.replica($0)!.decisions[1]?.description }
            let majorityAccepted = nodes.compactMap { node in
                story.simulation.acceptor(node)!.accepted.last { $0.slot == 1 }?.command.description
            }
            let chosen = Set(majorityAccepted).filter { value in majorityAccepted.count { $0 == value } >= 3 }
            story.check(name, "every node that is done has the same value, and it is the value a majority accepted",
                        holds: !done.isEmpty && Set(done) == [expected] && chosen.contains(expected),
                        "done with " + SlideNotation.list(done) + "; accepted last by a majority: " + SlideNotation.list(chosen.sorted()))
        }

        try phase(script, "Node 1 decides to lead; a client has asked its replica for view \(view), which r1 proposes",
                  table: "initially") { simulation throws(SimulationError) in
            try simulation.submit(view, client: 0)
            try simulation.submit(smallerView, client: 1)
            try simulation.deliver(.request, from: .client(0), to: .replica(1))
            try simulation.deliver(.propose, from: .replica(1), to: l1)
        }
        try phase(script, "Phase 1: l1 sends prepare, p1a(0.1), and every node promises: n_h = 0.1 everywhere",
                  table: "after phase 1") { simulation throws(SimulationError) in
            try simulation.start(l1)
            for acceptor in acceptors { try simulation.deliver(.p1a, from: l1, to: acceptor) }
        }
        try script.step("Promises from nodes 0, 1, 2 make a majority; none has accepted anything, so l1 may use its own value") {
            simulation throws(SimulationError) in
            for acceptor in acceptors.prefix(3) { try simulation.deliver(.p1b, from: acceptor, to: l1) }
        }
        try script.outcome("No failures") { story throws(WalkthroughError) in
            try phase(story, "Phase 2: l1 sends accept, p2a(<0.1, 1, \(view)>); every node accepts: n_a = 0.1, v_a = the view",
                      table: "after phase 2") { simulation throws(SimulationError) in
                try simulation.deliver(.adopted, to: l1)
                for acceptor in acceptors { try simulation.deliver(.p2a, from: l1, to: acceptor) }
            }
            try phase(story, "Phase 3: accepts from a majority; l1 sends decide to every node: done = T",
                      table: "after phase 3") { simulation throws(SimulationError) in
                for acceptor in acceptors.prefix(3) { try simulation.deliver(.p2b, from: acceptor, to: l1) }
                for replica in replicas { try simulation.deliver(.decision, from: l1, to: replica) }
            }
            agreement(story, "Agreement (no failures)", expected: view)
        }
        try script.outcome("Or… case 1: the leader fails before sending accepts") { story throws(WalkthroughError) in
            try failNode(1, in: story, "Node 1 fails with its promises in hand: no node has accepted anything")
            let value = try takeOver(story)
            agreement(story, "Agreement (case 1)", expected: smallerView)
            story.check("Free choice (case 1)", "with nothing accepted, the new leader may choose its own value",
                        holds: value == smallerView, "l2 proposed \(value ?? "nothing")")
        }
        try script.outcome("Or… case 2: the leader fails after sending accepts to a minority") { story throws(WalkthroughError) in
            try phase(story, "l1 sends accept, but only nodes 0 and 1 get it: two of five accept \(view)",
                      table: "after a minority accepted") { simulation throws(SimulationError) in
                try simulation.deliver(.adopted, to: l1)
                for acceptor in acceptors.prefix(2) { try simulation.deliver(.p2a, from: l1, to: acceptor) }
            }
            try failNode(1, in: story, "Node 1 fails; node 0 alone remembers v_a = \(view)")
            let value = try takeOver(story)
            agreement(story, "Agreement (case 2)", expected: smallerView)
            story.check("Minority (case 2)", "a value accepted by a minority was never chosen; a majority without it may choose another",
                        holds: value == smallerView, "nodes 2, 3, 4 had accepted nothing, so l2 proposed \(value ?? "nothing")")
        }
        try script.outcome("Or… case 3: the leader fails after sending accepts to a majority") { story throws(WalkthroughError) in
            try phase(story, "l1 sends accept to nodes 0, 1 and 2: a majority accepts \(view), so it is chosen, though nobody knows yet",
                      table: "after a majority accepted") { simulation throws(SimulationError) in
                try simulation.deliver(.adopted, to: l1)
                for acceptor in acceptors.prefix(3) { try simulation.deliver(.p2a, from: l1, to: acceptor) }
            }
            try failNode(1, in: story, "Node 1 fails before sending decide")
            let value = try takeOver(story)
            agreement(story, "Agreement (case 3)", expected: view)
            story.check("Majority (case 3)", "a value accepted by a majority is found by every later majority and proposed again",
                        holds: value == view, "node 2's promise carried <0.1, 1, \(view)>, so l2 proposed \(value ?? "nothing")")
        }
        return script.transcript
    }
}

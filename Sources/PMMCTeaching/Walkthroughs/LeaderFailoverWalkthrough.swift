import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Paper §4.1: a command chosen by a majority survives its leader's crash.
    static let leaderFailover = Walkthrough(
        name: "leader-failover",
        title: "Leader failover: what is chosen stays chosen",
        summary: "a majority accepts <0.0, 1, c>, the leader crashes; the next leader must propose c again"
    ) { () throws(WalkthroughError) -> Transcript in
        let r0 = ProcessID.replica(0), r1 = ProcessID.replica(1), l0 = ProcessID.leader(0), l1 = ProcessID.leader(1)
        let acceptors = (0..<3).map(ProcessID.acceptor)
        let script = try Script<Labels>(
            title: "Leader failover: what is chosen stays chosen",
            lesson: """
                Once a majority of acceptors has accepted a pvalue <b, s, c>, command c is chosen \
                for slot s, even if nobody knows it yet. Here leader l0 gets <0.0, 1, c> accepted \
                by a0 and a1 and crashes before hearing back, so no replica learns the decision. \
                Meanwhile replica r1 asked leader l1 to put another command, d, in slot 1. When l1 \
                is elected, its scout's majority must include a0 or a1 (any two majorities share an \
                acceptor), so adopted carries <0.0, 1, c>; by pmax, l1 replaces its own proposal \
                for slot 1 with c and proposes c again. Command d is not lost: r1 will propose it \
                for another slot.
                """,
            options: Scene.options(replicas: 2, leaders: 2, acceptors: 3, clients: 2),
            lanes: [.client(0), .client(1), r0, r1, l0, l1] + acceptors)
        try script.step("Set-up: l0 is elected with ballot 0.0; l1 has started and its p1a(0.1) messages are on their way",
                        show: [l0, l1], quiet: true) { simulation throws(SimulationError) in
            try simulation.start(l0)
            try simulation.elect(l0, by: acceptors)
            try simulation.start(l1)
        }
        try script.step("c0 asks r0 for c and c1 asks r1 for d; each replica proposes its command for slot 1") {
            simulation throws(SimulationError) in
            try simulation.submit("c", client: 0)
            try simulation.submit("d", client: 1)
            try simulation.deliver(.request, from: .client(0), to: r0)
            try simulation.deliver(.request, from: .client(1), to: r1)
        }
        try script.step("l1, still passive, records r1's proposal <1, d>") { simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r1, to: l1)
        }
        try script.step("Active l0 takes r0's proposal <1, c>: its commander sends p2a(<0.0, 1, c>)") { simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r0, to: l0)
        }
        for acceptor in acceptors.prefix(2) {
            try script.step("\(acceptor) accepts <0.0, 1, c>" + (acceptor == acceptors[1] ? ": a majority, so c is chosen for slot 1" : "")) {
                simulation throws(SimulationError) in try simulation.deliver(.p2a, from: l0, to: acceptor)
            }
        }
        try script.step("l0 crashes before its commander hears a single p2b: no replica learns that c was chosen") {
            simulation throws(SimulationError) in try simulation.crash(l0)
        }
        for acceptor in acceptors.dropFirst() {
            try script.step("\(acceptor) adopts l1's ballot 0.1 and answers with everything it accepted") { simulation throws(SimulationError) in
                try simulation.deliver(.p1a, from: l1, to: acceptor)
            }
        }
        for acceptor in acceptors.dropFirst() {
            try script.step("l1/s1 hears from \(acceptor)") { simulation throws(SimulationError) in
                try simulation.deliver(.p1b, from: acceptor, to: l1)
            }
        }
        try script.step("adopted(0.1, [<0.0, 1, c>]): by pmax l1 replaces <1, d> with <1, c> and proposes c again, at 0.1") {
            simulation throws(SimulationError) in try simulation.deliver(.adopted, to: l1)
        }
        try script.step("a1 and a2 accept <0.1, 1, c>; both replicas learn decision(1, c), and r1, whose d lost slot 1, proposes d again for slot 2") {
            simulation throws(SimulationError) in
            try simulation.accept(from: l1, at: Array(acceptors.dropFirst()))
            try simulation.deliver(.decision, from: l1, to: r0)
            try simulation.deliver(.decision, from: l1, to: r1)
        }
        try script.step("l1 records <2, d>: d was displaced, not lost") {
            simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r1, to: l1)
        }
        let decided = script.simulation.replicas.map { $0.decisions[1]?.description ?? "nothing" }
        let proposal = script.simulation.leader(1)!.proposals
        script.check("Chosen", "a command accepted by a majority is the one decided, whichever leader finishes the job",
                     holds: decided.allSatisfy { $0 == "c" } && proposal[1]?.description == "c",
                     "slot 1 decided " + SlideNotation.list(decided) + " at r0 and r1; l1's proposals: "
                         + SlideNotation.list(proposal.keys.sorted().map { "<\($0), \(proposal[$0]!)>" }))
        script.check("Nothing lost", "a replica whose proposal lost its slot proposes it again",
                     holds: proposal[2]?.description == "d", "l1 holds <2, \(proposal[2].map(\.description) ?? "nothing")>")
        return script.transcript
    }
}

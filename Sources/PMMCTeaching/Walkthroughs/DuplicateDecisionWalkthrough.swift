import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Paper figure 2: a command decided in two slots, performed the first time and skipped the
    /// second.
    static let duplicateDecision = Walkthrough(
        name: "duplicate-decision",
        title: "One command decided twice, performed once",
        summary: "two replicas propose in different orders; A is decided in slots 2 and 3 and skipped in 3"
    ) { () throws(WalkthroughError) -> Transcript in
        let c0 = ProcessID.client(0), c1 = ProcessID.client(1)
        let r0 = ProcessID.replica(0), r1 = ProcessID.replica(1), l0 = ProcessID.leader(0)
        let acceptors = (0..<3).map(ProcessID.acceptor), majority = Array(acceptors.prefix(2))
        let script = try Script<Labels>(
            title: "One command decided twice, performed once",
            lesson: """
                Replicas propose independently, so two replicas can propose the same command for \
                different slots, and both proposals can be decided: the paper's figure 2 shows a \
                command decided in two slots. Here clients send A and B to both replicas, which \
                hear them in opposite orders: r0 proposes B for slot 1 and A for slot 2, r1 proposes \
                A for slot 1 and B for slot 2. The leader takes r0's proposals, as they arrive \
                first. When decision(1, B) lands where r1 proposed A, r1 puts A back among its \
                requests and proposes it again, for slot 3, not yet knowing that slot 2 will decide \
                A. So A is decided twice. A replica performs a command only the first time it \
                appears in the log (perform() in figure 1 checks for an earlier slot holding it; \
                this implementation asks the client's session instead): the second time, \
                slot_out moves past it and nothing else happens, no state change and no second \
                answer. (B is displaced too, but by then r1 has already performed it, so r1 does \
                not propose it again.)
                """,
            options: Scene.options(replicas: 2, leaders: 1, acceptors: 3, clients: 2),
            lanes: [c0, c1, r0, r1, l0] + acceptors)
        try script.setUpElection(of: l0, by: acceptors)
        try script.step("c0 asks for A and c1 for B; clients send every request to both replicas") { simulation throws(SimulationError) in
            try simulation.submit("A", client: 0)
            try simulation.submit("B", client: 1)
        }
        try script.step("r0 hears B first: propose(1, B), then propose(2, A)") { simulation throws(SimulationError) in
            try simulation.deliver(.request, from: c1, to: r0)
            try simulation.deliver(.request, from: c0, to: r0)
        }
        try script.step("r1 hears A first: propose(1, A), then propose(2, B)") { simulation throws(SimulationError) in
            try simulation.deliver(.request, from: c0, to: r1)
            try simulation.deliver(.request, from: c1, to: r1)
        }
        try script.step("r0's proposals reach l0 first: <1, B> and <2, A>, a commander for each") { simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r0, to: l0)
            try simulation.deliver(.propose, from: r0, to: l0)
        }
        try script.step("r1's propose(1, A) and propose(2, B) come too late: l0 already has commands for slots 1 and 2 and ignores them") {
            simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r1, to: l0)
            try simulation.deliver(.propose, from: r1, to: l0)
        }
        try script.step("B is chosen in slot 1 and A in slot 2: decisions to both replicas") { simulation throws(SimulationError) in
            try simulation.accept(slot: 1, from: l0, at: majority)
            try simulation.accept(slot: 2, from: l0, at: majority)
        }
        try script.step("r0 performs B and A, as it proposed them, and answers c1 [B] and c0 [B, A]") { simulation throws(SimulationError) in
            try simulation.deliver(.decision, to: r0)
            try simulation.deliver(.decision, to: r0)
        }
        try script.step("decision(1, B) lands where r1 proposed A: r1 performs B and proposes A again, for slot 3") {
            simulation throws(SimulationError) in try simulation.deliver(.decision, to: r1)
        }
        try script.step("decision(2, A): r1 performs A; B, displaced from slot 2, is already performed and is not proposed again") {
            simulation throws(SimulationError) in try simulation.deliver(.decision, to: r1)
        }
        try script.step("l0 gets A chosen a second time, in slot 3: decision(3, A) to both replicas") { simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r1, to: l0)
            try simulation.accept(slot: 3, from: l0, at: majority)
        }
        try script.step("Both replicas skip slot 3: A was performed in slot 2, so slot_out moves to 4 with no change and no answer") {
            simulation throws(SimulationError) in
            try simulation.deliver(.decision, to: r0)
            try simulation.deliver(.decision, to: r1)
        }
        let replicas = [script.simulation.replica(0)!, script.simulation.replica(1)!]
        let decidedA = replicas[0].decisions.keys.sorted().filter { replicas[0].decisions[$0]?.description == "A" }
        script.check("Twice", "a command can be decided in more than one slot",
                     holds: decidedA == [2, 3], "A is decided in slots " + decidedA.map(String.init).joined(separator: " and "))
        let answers = script.simulation.pendingMessages(kind: .response).map { "\($0.envelope!.source) → \($0.envelope!.destination)" }
        script.check("Once", "a command decided twice is performed and answered only the first time",
                     holds: replicas.allSatisfy { $0.state.performed == ["B", "A"] && $0.duplicatesSkipped == 1 && $0.slotOut == 4 }
                        && answers.count == 4,
                     replicas.map { "\($0.id) performed " + SlideNotation.list($0.state.performed) + ", skipped \($0.duplicatesSkipped)" }
                        .joined(separator: "; ") + "; answers " + SlideNotation.list(answers))
        script.check("R1", Invariant.r1.statement,
                     holds: replicas[0].decisions == replicas[1].decisions,
                     "r0 and r1 hold the same decisions: " + SlideNotation.list(replicas[0].decisions.keys.sorted().map { "\($0): \(replicas[0].decisions[$0]!)" }))
        return script.transcript
    }
}

import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// A log with a hole: slot 2 is decided before slot 1, and the replica waits.
    static let logHoles = Walkthrough(
        name: "log-holes",
        title: "A hole in the log: decided out of order, applied in order",
        summary: "slot 2 is decided before slot 1; the replica holds it until the hole is filled"
    ) { () throws(WalkthroughError) -> Transcript in
        let c0 = ProcessID.client(0), c1 = ProcessID.client(1), r0 = ProcessID.replica(0), l0 = ProcessID.leader(0)
        let acceptors = (0..<3).map(ProcessID.acceptor), majority = Array(acceptors.prefix(2))
        let script = try Script<Labels>(
            title: "A hole in the log: decided out of order, applied in order",
            lesson: """
                Each slot is its own instance of consensus, and an active leader runs them side by \
                side: one commander per slot, each waiting for its own majority. Nothing makes \
                slot 1's commander finish before slot 2's, so decisions can arrive out of order, \
                leaving a hole in the replica's log. The replica records every decision it \
                receives but performs them strictly in slot order: slot_out stays at the first \
                slot without a decision, and a later decided command waits, unperformed and \
                unanswered, until the hole is filled. Then the replica performs everything it can \
                at once. This is why every replica ends with the same state even though each \
                learns decisions in its own order.
                """,
            options: Scene.options(replicas: 1, leaders: 1, acceptors: 3, clients: 2),
            lanes: [c0, c1, r0, l0] + acceptors)
        try script.setUpElection(of: l0, by: acceptors)
        try script.step("c0 asks for A and c1 for B") { simulation throws(SimulationError) in
            try simulation.submit("A", client: 0)
            try simulation.submit("B", client: 1)
        }
        try script.step("r0 proposes A for slot 1 and B for slot 2: slot_in moves to 3") { simulation throws(SimulationError) in
            try simulation.deliver(.request, from: c0, to: r0)
            try simulation.deliver(.request, from: c1, to: r0)
        }
        try script.step("l0 spawns a commander per slot: p2a(<0.0, 1, A>) and p2a(<0.0, 2, B>) to every acceptor") {
            simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r0, to: l0)
            try simulation.deliver(.propose, from: r0, to: l0)
        }
        try script.step("Slot 2's commander hears from a majority first: decision(2, B) to r0") { simulation throws(SimulationError) in
            try simulation.accept(slot: 2, from: l0, at: majority)
        }
        var holeHeld = false
        try script.step("r0 records slot 2 but cannot perform it: slot 1 is a hole, slot_out stays 1, c1 waits", show: [r0]) {
            simulation throws(SimulationError) in
            try simulation.deliver(.decision, to: r0)
            let replica = simulation.replica(0)!
            holeHeld = replica.decisions[2] != nil && replica.slotOut == 1 && replica.state.performed.isEmpty
        }
        try script.step("Slot 1's commander hears from its majority: decision(1, A) to r0") { simulation throws(SimulationError) in
            try simulation.accept(slot: 1, from: l0, at: majority)
        }
        try script.step("The hole is filled: r0 performs A, then B at once; slot_out moves to 3 and both clients get answers") {
            simulation throws(SimulationError) in try simulation.deliver(.decision, to: r0)
        }
        try script.step("c0 and c1 receive [A] and [A, B]") { simulation throws(SimulationError) in
            try simulation.deliver(.response, to: c0)
            try simulation.deliver(.response, to: c1)
        }
        let replica = script.simulation.replica(0)!
        script.check("Hole", "a decision above a hole is recorded but not performed",
                     holds: holeHeld, "after decision(2, B) alone, r0 had slot_out 1 and had performed nothing")
        script.check("Order", "commands are performed in slot order, whatever order they were decided in",
                     holds: replica.state.performed == ["A", "B"] && replica.slotOut == 3,
                     "decided 2 then 1; r0 performed " + SlideNotation.list(replica.state.performed) + ", slot_out \(replica.slotOut)")
        let answers = script.simulation.operations.map { "\($0.client): \($0.output ?? "none")" }
        script.check("Answers", "B's answer reflects A, the command of the slot before it",
                     holds: script.simulation.operations.map(\.output) == ["[A]", "[A, B]"],
                     SlideNotation.list(answers))
        return script.transcript
    }
}

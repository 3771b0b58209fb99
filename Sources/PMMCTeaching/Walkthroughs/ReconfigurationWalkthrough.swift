import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Slides "Reconfiguration": a configuration change decided in slot s rules from s + WINDOW.
    static let reconfiguration = Walkthrough(
        name: "reconfiguration",
        title: "Reconfiguration: new leaders and acceptors, WINDOW slots later",
        summary: "a reconfiguration decided in slot 2 takes effect at slot 2 + WINDOW; no-ops fill the gap"
    ) { () throws(WalkthroughError) -> Transcript in
        let r0 = ProcessID.replica(0), l0 = ProcessID.leader(0), l1 = ProcessID.leader(1)
        let old = (0..<3).map(ProcessID.acceptor), new = (3..<6).map(ProcessID.acceptor)
        let window = Settings.paper().window
        let script = try Script<KeyValueStore>(
            title: "Reconfiguration: new leaders and acceptors, WINDOW slots later",
            lesson: """
                All replicas must agree on who the leaders and acceptors are, so the change goes \
                through the log itself: a reconfiguration is a command, decided in some slot s like \
                any other, and the new configuration decides slots from s + WINDOW on. A replica \
                may already have proposed up to WINDOW − 1 slots past s to the old leaders, which is \
                why the change waits that long; WINDOW is 5 here, as in the paper. If no client \
                requests arrive to fill those slots, the replica proposes no-ops, so the new \
                configuration takes over now rather than whenever traffic comes.
                """,
            options: Scene.options(replicas: 1, leaders: 1, acceptors: 3, clients: 2),
            lanes: [.client(0), .client(1), r0, l0, l1] + old + new)

        func decide(_ simulation: Simulation<KeyValueStore>, by leader: ProcessID, with acceptors: [ProcessID]) throws(SimulationError) {
            try simulation.deliver(.propose, from: r0, to: leader)
            try simulation.accept(from: leader, at: Array(acceptors.prefix(2)))
            try simulation.deliver(.decision, from: leader, to: r0)
        }

        try script.step("Set-up: l0 is elected by a0, a1, a2, and c1's Put k1 v1 is decided in slot 1", show: [r0], quiet: true) {
            simulation throws(SimulationError) in
            try simulation.start(l0)
            try simulation.elect(l0, by: old)
            try simulation.put("k1", "v1", client: 1)
            try simulation.deliver(.request, from: .client(1), to: r0)
            try decide(simulation, by: l0, with: old)
            try simulation.deliver(.response, to: .client(1))
        }
        try script.step("c0 asks to hand over to leader l1 and acceptors a3, a4, a5") { simulation throws(SimulationError) in
            try simulation.reconfigure(leaders: 1, acceptors: 3, client: 0)
        }
        try script.step("The new leader l1 starts and is elected by the new acceptors", show: [l1], quiet: true) {
            simulation throws(SimulationError) in
            try simulation.start(l1)
            try simulation.elect(l1, by: new)
        }
        try script.step("r0 proposes the reconfiguration for slot 2, to the leaders it knows: l0") { simulation throws(SimulationError) in
            try simulation.deliver(.request, from: .client(0), to: r0)
        }
        try script.step(
            "Slot 2 is decided; r0 performs it: l1 leads from slot 2 + \(window) = \(2 + window). No requests are waiting, so r0 proposes no-ops for slots 3 to \(1 + window), still to l0"
        ) { simulation throws(SimulationError) in
            try decide(simulation, by: l0, with: old)
        }
        try script.step("l0 gets the no-ops decided and r0 applies them: the window is clear", show: [r0], quiet: true) {
            simulation throws(SimulationError) in
            for _ in 3...(1 + window) { try decide(simulation, by: l0, with: old) }
        }
        try script.step("c1 asks for Put k2 v2: r0 proposes it for slot \(2 + window), to the new leader l1 only") {
            simulation throws(SimulationError) in
            try simulation.put("k2", "v2", client: 1)
            try simulation.deliver(.request, from: .client(1), to: r0)
        }
        try script.step("l1 gets Put k2 v2 decided by the new acceptors a3 and a4") { simulation throws(SimulationError) in
            try decide(simulation, by: l1, with: new)
        }

        let replica = script.simulation.replica(0)!
        let log = replica.log.map(\.description)
        let noops = (3...(1 + window)).allSatisfy { replica.decisions[$0]?.description == "Noop" }
        script.check("No-ops", "with no requests waiting, no-ops fill the slots before the new configuration takes over",
                     holds: noops, "r0's log: " + SlideNotation.list(log))
        func accepted(_ acceptors: [ProcessID], slot: Int) -> [ProcessID] {
            acceptors.filter { id in script.simulation.acceptor(id.index)!.accepted.contains { $0.slot == slot } }
        }
        let firstNewSlot = 2 + window
        let oldSlots = (1..<firstNewSlot).allSatisfy { accepted(new, slot: $0).isEmpty && !accepted(old, slot: $0).isEmpty }
        let newSlot = accepted(old, slot: firstNewSlot).isEmpty && accepted(new, slot: firstNewSlot).count >= 2
        script.check("WINDOW", "a reconfiguration decided in slot s governs slots from s + WINDOW on",
                     holds: oldSlots && newSlot && replica.leaders == [l1],
                     "slots 1–\(firstNewSlot - 1) accepted by a0–a2 only; slot \(firstNewSlot) by "
                         + SlideNotation.list(accepted(new, slot: firstNewSlot).map(\.description)) + "; r0's leaders: "
                         + SlideNotation.list(replica.leaders.map(\.description)))
        return script.transcript
    }
}

import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Slides "Replicas": slot_out and slot_in over the log, and a proposal that loses its slot.
    static let replicaWindow = Walkthrough(
        name: "replica-window",
        title: "Replicas: slot_in, slot_out and a lost slot",
        summary: "a replica's proposal loses its slot to another command and is proposed again"
    ) { () throws(WalkthroughError) -> Transcript in
        let r0 = ProcessID.replica(0), r1 = ProcessID.replica(1), l0 = ProcessID.leader(0)
        let acceptors = (0..<3).map(ProcessID.acceptor), majority = Array(acceptors.prefix(2))
        let script = try Script<KeyValueStore>(
            title: "Replicas: slot_in, slot_out and a lost slot",
            lesson: """
                A replica keeps the log of decided commands and two pointers into it. slot_out is \
                the first slot not yet applied: every decision below it has been performed, in \
                order. slot_in is the next slot it will propose a client request for; it may run \
                ahead of slot_out, but by less than WINDOW (5) slots. Below, decided slots show \
                their command, and slots this replica proposed for but has not seen decided show \
                the command in brackets. Two replicas propose independently, so a slot can be \
                decided for another replica's command: the replica then puts its own request back \
                and proposes it again for a later slot. Nothing is lost, nothing is done twice.
                """,
            options: Scene.options(replicas: 2, leaders: 1, acceptors: 3, clients: 3),
            lanes: [.client(0), .client(1), .client(2), r0, r1, l0] + acceptors)

        try script.step("Set-up: l0 is elected; c0's Put k1 v1 and Put k2 v2 fill slots 1 and 2 on both replicas",
                        show: [r0], quiet: true) { simulation throws(SimulationError) in
            try simulation.start(l0)
            try simulation.elect(l0, by: acceptors)
            try simulation.put("k1", "v1", client: 0)
            try simulation.put("k2", "v2", client: 0)
            simulation.run(until: { $0.replicas.allSatisfy { $0.slotOut == 3 } && $0.allOperationsCompleted },
                           timeLimit: simulation.now + 50)
        }
        try script.step("c0 asks for App k1 v1 and c1 for App k2 v2; clients send every request to both replicas") { simulation throws(SimulationError) in
            try simulation.append("k1", "v1", client: 0)
            try simulation.append("k2", "v2", client: 1)
        }
        try script.step("r0 proposes App k1 v1 for slot 3; slot_in moves to 4") { simulation throws(SimulationError) in
            try simulation.deliver(.request, from: .client(0), to: r0)
        }
        try script.step("r0 proposes App k2 v2 for slot 4; slot_in moves to 5, slot_out is still 3") { simulation throws(SimulationError) in
            try simulation.deliver(.request, from: .client(1), to: r0)
        }
        try script.step("l0 gets App k1 v1 chosen in slot 3: decision(3, App k1 v1) to both replicas") { simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r0, to: l0)
            try simulation.accept(from: l0, at: majority)
        }
        try script.step("r0 applies slot 3: slot_out moves to 4", show: [r0]) { simulation throws(SimulationError) in
            try simulation.deliver(.decision, to: r0)
        }
        try script.step("r1 applies slot 3 too; it never proposed for slot 3 or 4") { simulation throws(SimulationError) in
            try simulation.deliver(.decision, to: r1)
        }
        try script.step("c2 asks r1 for Put k3 v3: r1 skips decided slot 3 and proposes it for slot 4") { simulation throws(SimulationError) in
            try simulation.put("k3", "v3", client: 2)
            try simulation.deliver(.request, from: .client(2), to: r1)
        }
        try script.step("r1's proposal reaches l0 first: Put k3 v3 is chosen in slot 4") { simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r1, to: l0)
            try simulation.accept(from: l0, at: majority)
        }
        try script.step("r0's propose(4, App k2 v2) arrives late: l0 already has a command for slot 4 and ignores it") {
            simulation throws(SimulationError) in try simulation.deliver(.propose, from: r0, to: l0)
        }
        try script.step("decision(4, Put k3 v3) lands where r0 proposed App k2 v2: r0 applies it and proposes App k2 v2 again, for slot 5") {
            simulation throws(SimulationError) in try simulation.deliver(.decision, from: l0, to: r0)
        }
        try script.step("App k2 v2 is chosen in slot 5 and r0 applies it") { simulation throws(SimulationError) in
            try simulation.deliver(.propose, from: r0, to: l0)
            try simulation.accept(from: l0, at: majority)
            try simulation.deliver(.decision, from: l0, to: r0)
        }
        let replica = script.simulation.replica(0)!
        let expected = ["Put k1 v1", "Put k2 v2", "App k1 v1", "Put k3 v3", "App k2 v2"]
        let log = replica.log.map(\.description)
        script.check("Log", "the displaced request is decided exactly once, in a later slot",
                     holds: log == expected, "r0's log: " + SlideNotation.list(log))
        let other = script.simulation.replica(1)!
        let disagreements = other.decisions.keys.sorted().filter { slot in
            replica.decisions[slot].map { $0 != other.decisions[slot] } ?? false
        }
        script.check("R1", Invariant.r1.statement, holds: disagreements.isEmpty,
                     "r0 and r1 agree on every slot both know: " + other.decisions.keys.sorted().map(String.init).joined(separator: ", "))
        script.check("R5", Invariant.r5.statement, holds: replica.slotIn <= replica.slotOut + replica.window,
                     "r0: slot_in \(replica.slotIn) ≤ slot_out \(replica.slotOut) + WINDOW \(replica.window)")
        return script.transcript
    }
}

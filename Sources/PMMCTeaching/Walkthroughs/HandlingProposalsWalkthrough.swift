import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Slides "Leader: Handling proposals": one proposal, preempted or decided.
    static let handlingProposals = Walkthrough(
        name: "handling-proposals",
        title: "Leader: handling proposals",
        summary: "an active leader's commander runs phase 2 for <1, A>: preempted, or decided"
    ) { () throws(WalkthroughError) -> Transcript in
        let c0 = ProcessID.client(0), r0 = ProcessID.replica(0), l0 = ProcessID.leader(0), l1 = ProcessID.leader(1)
        let acceptors = (0..<3).map(ProcessID.acceptor)
        let script = try Script<Labels>(
            title: "Leader: handling proposals",
            lesson: """
                An active leader turns each proposal into phase 2 at once, with no new election: \
                it records the proposal (proposals: [<slot, command>]) and spawns a commander, which \
                sends p2a(<ballot, slot, command>) to every acceptor. If a majority accept (p2b with \
                the leader's own ballot), the command is chosen and the commander sends \
                decision(slot, command) to every replica. If any acceptor answers with a higher \
                ballot, another leader has been elected meanwhile: the commander reports preempted \
                and the leader goes passive, keeping its proposals for when it is elected again. A \
                leader proposes at most one command per ballot and slot. The story forks after the \
                commander's p2a messages are sent.
                """,
            options: Scene.options(replicas: 1, leaders: 2, acceptors: 3, clients: 1),
            lanes: [c0, r0, l0, l1] + acceptors)
        try script.step("Set-up: l0 is elected with ballot 0.0 (as in getting-elected, branch B)", show: [l0], quiet: true) {
            simulation throws(SimulationError) in
            try simulation.start(l0)
            try simulation.elect(l0, by: acceptors)
        }
        try script.step("l1 starts at ballot 0.1; its scout's p1a(0.1) messages are on their way", show: [l1]) {
            simulation throws(SimulationError) in try simulation.start(l1)
        }
        try script.step("Client c0 asks for command A") { simulation throws(SimulationError) in
            try simulation.submit("A", client: 0)
        }
        try script.step("r0 takes slot 1 for A: propose(1, A) to both leaders") { simulation throws(SimulationError) in
            try simulation.deliver(.request, from: c0, to: r0)
        }
        try script.step("Active l0 records <1, A> and spawns commander l0/c2: p2a(<0.0, 1, A>) to every acceptor") {
            simulation throws(SimulationError) in try simulation.deliver(.propose, from: r0, to: l0)
        }
        try script.outcome("Branch A: meanwhile l1 was elected by a1 and a2") { branch throws(WalkthroughError) in
            for acceptor in acceptors.dropFirst() {
                try branch.step("\(acceptor) adopts l1's ballot 0.1") { simulation throws(SimulationError) in
                    try simulation.deliver(.p1a, from: l1, to: acceptor)
                }
            }
            for acceptor in acceptors.dropFirst() {
                try branch.step("\(acceptor) refuses p2a(<0.0, 1, A>) and answers p2b(0.1). Nope!") { simulation throws(SimulationError) in
                    try simulation.deliver(.p2a, from: l0, to: acceptor)
                }
            }
            try branch.step("The commander learns of 0.1: preempted(0.1) to l0, and exits") { simulation throws(SimulationError) in
                try simulation.deliver(.p2b, from: .acceptor(1), to: l0)
            }
            try branch.step("l0 goes passive at ballot 1.0 (the slide keeps 0.0) and scouts again, keeping [<1, A>]") {
                simulation throws(SimulationError) in try simulation.deliver(.preempted, to: l0)
            }
            let leader = branch.simulation.leader(0)!
            branch.check("Preemption (A)", "a preempted leader goes passive but keeps its proposals",
                         holds: !leader.active && leader.proposals[1]?.description == "A",
                         "l0: active \(leader.active), ballot_num \(leader.ballotNumber), proposals [<1, \(leader.proposals[1].map(\.description) ?? "none")>]")
        }
        try script.outcome("Or… Branch B: the acceptors still follow 0.0") { branch throws(WalkthroughError) in
            for acceptor in acceptors.prefix(2) {
                try branch.step("\(acceptor) accepts <0.0, 1, A> and answers p2b(0.0). OK!") { simulation throws(SimulationError) in
                    try simulation.deliver(.p2a, from: l0, to: acceptor)
                }
            }
            for acceptor in acceptors.prefix(2) {
                try branch.step("l0/c2 hears p2b(0.0) from \(acceptor)") { simulation throws(SimulationError) in
                    try simulation.deliver(.p2b, from: acceptor, to: l0)
                }
            }
            try branch.step("r0 learns decision(1, A), performs A and answers c0") { simulation throws(SimulationError) in
                try simulation.deliver(.decision, to: r0)
            }
            let replica = branch.simulation.replica(0)!
            let accepting = acceptors.filter { id in
                branch.simulation.acceptor(id.index)!.accepted.contains { $0.slot == 1 && $0.command == replica.decisions[1] }
            }
            branch.check("Decision (B)", "a command is decided only once a majority of acceptors accepted it in one ballot",
                         holds: replica.decisions[1]?.description == "A" && 2 * accepting.count > acceptors.count,
                         "slot 1 decided A; <0.0, 1, A> accepted by " + SlideNotation.list(accepting.map(\.description)))
        }
        let commanders = script.transcript.parts.flatMap(\.steps).flatMap(\.events)
            .filter { $0.kind == .spawn && $0.message?.hasPrefix("commander") == true }
            .compactMap(\.message)
        script.check("C1", "a leader proposes at most one command per ballot and slot",
                     holds: Set(commanders).count == Set(commanders.map { $0.split(separator: ",").prefix(2) }).count,
                     "commanders spawned: " + SlideNotation.list(Array(Set(commanders)).sorted()))
        return script.transcript
    }
}

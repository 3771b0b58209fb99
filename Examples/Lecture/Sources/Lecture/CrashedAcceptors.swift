import PMMC
import PMMCSimulation
import PMMCTeaching

/// A teacher's walk-through: how many acceptors may crash before nothing can be decided.
let crashedAcceptors = Walkthrough(
    name: "crashed-acceptors",
    title: "Crashed acceptors: f of 2f + 1 may fail",
    summary: "with one of three acceptors crashed a command is still decided; with two, nothing is"
) { () throws(WalkthroughError) -> Transcript in
    let c0 = ProcessID.client(0), r0 = ProcessID.replica(0), l0 = ProcessID.leader(0)
    let acceptors = (0..<3).map(ProcessID.acceptor)
    let script = try Script<KeyValueStore>(
        title: "Crashed acceptors: f of 2f + 1 may fail",
        lesson: """
            Three acceptors tolerate one crash: every majority (two of three) still has a live \
            member, so a commander can still hear p2b from a majority. With two crashed, the \
            one acceptor left is no majority, and the commander waits for ever: Paxos stays \
            safe (nothing wrong is decided) but makes no progress until an acceptor returns.
            """,
        options: Scene.options(replicas: 1, leaders: 1, acceptors: 3, clients: 1),
        lanes: [c0, r0, l0] + acceptors)
    try script.setUpElection(of: l0, by: acceptors)
    try script.step("c0 asks for Put k v; r0 proposes it for slot 1 and l0 spawns a commander") { simulation throws(SimulationError) in
        try simulation.put("k", "v", client: 0)
        try simulation.deliver(.request, from: c0, to: r0)
        try simulation.deliver(.propose, from: r0, to: l0)
    }
    try script.step("a2 crashes") { simulation throws(SimulationError) in
        try simulation.crash(acceptors[2])
    }
    script.attach(StateTable(
        title: "Which acceptors are up",
        columns: ["a0", "a1", "a2"],
        rows: [StateTable.Row(label: "up", cells: acceptors.map { script.simulation.isCrashed($0) ? "no" : "yes" })]))
    try script.outcome("Branch A: a0 and a1 are a majority") { branch throws(WalkthroughError) in
        try branch.step("a0 and a1 accept <0.0, 1, Put k v> and answer p2b(0.0)") { simulation throws(SimulationError) in
            try simulation.accept(from: l0, at: Array(acceptors.prefix(2)))
        }
        try branch.step("r0 learns decision(1, Put k v) and performs it") { simulation throws(SimulationError) in
            try simulation.deliver(.decision, to: r0)
        }
        let decided = branch.simulation.replica(0)!.decisions[1]
        branch.check("Progress (A)", "with f = 1 acceptor crashed, a command is still decided",
                     holds: decided?.description == "Put k v", "slot 1: \(decided.map(\.description) ?? "undecided")")
    }
    try script.outcome("Or… Branch B: a1 crashes as well") { branch throws(WalkthroughError) in
        try branch.step("a1 crashes: only a0 is left") { simulation throws(SimulationError) in
            try simulation.crash(acceptors[1])
        }
        try branch.step("a0 accepts and answers, but one p2b is no majority") { simulation throws(SimulationError) in
            try simulation.accept(from: l0, at: [acceptors[0]])
        }
        try branch.step("The commander's timer fires: it sends p2a again to a1 and a2, which are down") { simulation throws(SimulationError) in
            try simulation.fire(.phaseRetransmit, of: l0)
        }
        let replica = branch.simulation.replica(0)!
        branch.check("Safety (B)", "with a majority down nothing is decided, and nothing wrong either",
                     holds: replica.decisions.isEmpty && branch.simulation.violation == nil,
                     "r0 knows \(replica.decisions.count) decisions; no invariant violated")
    }
    return script.transcript
}

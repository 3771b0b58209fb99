import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Slides "Leader: Getting Elected": the same start, preempted or adopted.
    static let gettingElected = Walkthrough(
        name: "getting-elected",
        title: "Leader: getting elected",
        summary: "a leader's scout runs phase 1: preempted by a higher ballot, or adopted"
    ) { () throws(WalkthroughError) -> Transcript in
        let l0 = ProcessID.leader(0), l1 = ProcessID.leader(1)
        let acceptors = (0..<3).map(ProcessID.acceptor)
        let script = try Script<Labels>(
            title: "Leader: getting elected",
            lesson: """
                A leader starts passive (active: false) with ballot_num 0.λ and spawns a scout to \
                get that ballot adopted by a majority of acceptors (phase 1). Whether it wins \
                depends only on what the acceptors have already promised. If a majority answer \
                with a higher ballot ("Nope!"), the scout reports preempted and the leader, still \
                passive, moves to a higher ballot of its own and scouts again. If a majority answer \
                OK with its ballot, the scout reports adopted, with every pvalue they had accepted, \
                and the leader becomes active. The story forks after both leaders have started: \
                the same state, two outcomes. Leaders here follow paper figure 7 exactly, without \
                failure detection.
                """,
            options: Scene.options(replicas: 1, leaders: 2, acceptors: 3),
            lanes: [l0, l1] + acceptors)
        try script.step("l0 starts passive at ballot 0.0 and spawns scout l0/s1: p1a(0.0) to every acceptor", show: [l0]) {
            simulation throws(SimulationError) in try simulation.start(l0)
        }
        try script.step("l1 starts too, at ballot 0.1, which is higher: l1/s1 sends p1a(0.1)", show: [l1]) {
            simulation throws(SimulationError) in try simulation.start(l1)
        }
        try script.outcome("Branch A: l1's scout reaches a1 and a2 first") { branch throws(WalkthroughError) in
            for acceptor in acceptors.dropFirst() {
                try branch.step("\(acceptor) adopts 0.1") { simulation throws(SimulationError) in
                    try simulation.deliver(.p1a, from: l1, to: acceptor)
                }
            }
            for acceptor in acceptors.dropFirst() {
                try branch.step("\(acceptor) has promised 0.1: p1a(0.0) gets p1b(0.1). Nope!") { simulation throws(SimulationError) in
                    try simulation.deliver(.p1a, from: l0, to: acceptor)
                }
            }
            try branch.step("One Nope is enough: the scout reports preempted(0.1) and exits") { simulation throws(SimulationError) in
                try simulation.deliver(.p1b, from: .acceptor(1), to: l0)
            }
            try branch.step("l0 stays passive, moves to ballot 1.0 (above 0.1) and scouts again with l0/s2") {
                simulation throws(SimulationError) in try simulation.deliver(.preempted, to: l0)
            }
            let leader = branch.simulation.leader(0)!
            let scouting = !branch.simulation.pendingMessages(from: l0, kind: .p1a)
                .filter { $0.envelope!.message == .p1a(ballot: leader.ballotNumber) }.isEmpty
            branch.check("Preemption (A)", "a preempted leader goes passive and scouts with a ballot above the one that beat it",
                         holds: !leader.active && leader.ballotNumber > Scene.ballot(0, 1) && scouting,
                         "l0: active \(leader.active), ballot_num \(leader.ballotNumber), p1a(\(leader.ballotNumber)) in flight: \(scouting)")
        }
        try script.outcome("Or… Branch B: l0's scout reaches a0 and a1 first") { branch throws(WalkthroughError) in
            for acceptor in acceptors.prefix(2) {
                try branch.step("\(acceptor) adopts 0.0 and answers p1b(0.0, []). OK([])!") { simulation throws(SimulationError) in
                    try simulation.deliver(.p1a, from: l0, to: acceptor)
                }
            }
            for acceptor in acceptors.prefix(2) {
                try branch.step("l0/s1 hears OK([]) from \(acceptor)") { simulation throws(SimulationError) in
                    try simulation.deliver(.p1b, from: acceptor, to: l0)
                }
            }
            try branch.step("Two of three is a majority: adopted(0.0, []) makes l0 active") { simulation throws(SimulationError) in
                try simulation.deliver(.adopted, to: l0)
            }
            let leader = branch.simulation.leader(0)!
            let adopting = acceptors.filter { branch.simulation.acceptor($0.index)?.ballotNumber == leader.ballotNumber }
            branch.check("Election (B)", "a leader becomes active only once a majority of acceptors adopted its ballot",
                         holds: leader.active && 2 * adopting.count > acceptors.count,
                         "l0 active at \(leader.ballotNumber); adopted by " + SlideNotation.list(adopting.map(\.description)))
        }
        return script.transcript
    }
}

import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Slides "A note about ballots in PMMC": (round, leader) pairs, isomorphic to the numbers
    /// 0, 4, 8, … of leader 0, 1, 5, 9, … of leader 1, and so on.
    static let ballots = Walkthrough(
        name: "ballots",
        title: "A note about ballots",
        summary: "ballots are (round, leader) pairs, ordered like the numbers 4·round + leader"
    ) { () throws(WalkthroughError) -> Transcript in
        let leaders = (0..<4).map(ProcessID.leader)
        let (l0, l2, l3) = (leaders[0], leaders[2], leaders[3])
        let acceptors = (0..<3).map(ProcessID.acceptor), a0 = acceptors[0]
        let script = try Script<Labels>(
            title: "A note about ballots",
            lesson: """
                A ballot is a pair (round, leader), written round.leader. Each leader has ballots \
                of its own: with four leaders, l0 has 0.0, 1.0, 2.0, …, l1 has 0.1, 1.1, 2.1, …, \
                and no two leaders ever share one. Ballots compare by round first, then by leader, \
                which is the order of the numbers 4·round + leader: l0's ballots are 0, 4, 8, …, \
                l1's are 1, 5, 9, …, as in single-decree Paxos, where each proposer takes every \
                fourth number. So the rule an acceptor follows, adopt a ballot only if it is \
                higher, is the same rule on either notation. A leader preempted by ballot r.λ \
                moves to (r + 1).self, its own next ballot above it. Here acceptor a0 hears from \
                three of the four leaders in an order that is not their ballots' order, and adopts \
                only ballots higher than the one it holds.
                """,
            options: Scene.options(replicas: 1, leaders: 4, acceptors: 3),
            lanes: [l0, l2, l3] + acceptors, watched: [l0, l2, l3, a0])
        var held = [script.simulation.acceptor(0)!.ballotNumber]
        func recordA0() {
            let ballot = script.simulation.acceptor(0)!.ballotNumber
            if ballot != held.last { held.append(ballot) }
        }
        try script.step("l2 starts at ballot 0.2, which is 4·0 + 2 = 2: p1a(0.2) to every acceptor", show: [l2]) {
            simulation throws(SimulationError) in try simulation.start(l2)
        }
        recordA0()
        script.attach(isomorphism(leaders: leaders.count, rounds: 4))
        try script.step("l0 starts at ballot 0.0 = 0: p1a(0.0)", show: [l0]) { simulation throws(SimulationError) in
            try simulation.start(l0)
        }
        recordA0()
        try script.step("a0 hears l2 first: 0.2 is above ⊥, so a0 adopts it and answers p1b(0.2). OK!") {
            simulation throws(SimulationError) in try simulation.deliver(.p1a, from: l2, to: a0)
        }
        recordA0()
        try script.step("l0's p1a(0.0) arrives late: 0 < 2, so a0 keeps 0.2 and answers p1b(0.2). Nope!") {
            simulation throws(SimulationError) in try simulation.deliver(.p1a, from: l0, to: a0)
        }
        recordA0()
        try script.step("l0's scout hears of 0.2 and reports preempted(0.2)") { simulation throws(SimulationError) in
            try simulation.deliver(.p1b, from: a0, to: l0)
        }
        recordA0()
        try script.step("l0 moves to its next ballot above 0.2: round 0 + 1 = 1, ballot 1.0 = 4, and scouts again") {
            simulation throws(SimulationError) in try simulation.deliver(.preempted, to: l0)
        }
        recordA0()
        try script.step("l3 starts at ballot 0.3 = 3, the highest leader number in round 0", show: [l3]) {
            simulation throws(SimulationError) in try simulation.start(l3)
        }
        recordA0()
        try script.step("a0 hears p1a(1.0): 4 > 2, so a0 adopts 1.0. OK!") { simulation throws(SimulationError) in
            try simulation.deliver(.p1a, from: l0, to: a0)
        }
        recordA0()
        try script.step("a0 hears p1a(0.3): 3 < 4, a higher leader does not beat a higher round. Nope!") {
            simulation throws(SimulationError) in try simulation.deliver(.p1a, from: l3, to: a0)
        }
        recordA0()
        let ballots = (0..<6).flatMap { round in (0..<leaders.count).map { Ballot(round: round, leader: $0) } }
        let misordered = ballots.flatMap { first in ballots.filter { second in (first < second) != (number(first, leaders.count) < number(second, leaders.count)) }.map { (first, $0) } }
        script.check("Isomorphism", "ballots compare as the numbers 4·round + leader do",
                     holds: misordered.isEmpty,
                     "all \(ballots.count * ballots.count) pairs of ballots in rounds 0–5 of 4 leaders"
                        + (misordered.first.map { ", but not \($0.0) and \($0.1)" } ?? " agree"))
        script.check("A1", "an acceptor adopts only ballots above the one it holds, so its ballot_num only increases",
                     holds: zip(held, held.dropFirst()).allSatisfy { $0 < $1 } && held.last == Ballot(round: 1, leader: 0),
                     "a0's ballot_num went " + held.map { $0.isBottom ? "⊥" : "\($0) (\(number($0, leaders.count)))" }.joined(separator: " → ")
                        + ", refusing 0.0 (0) and 0.3 (3) on the way")
        return script.transcript
    }

    /// The number ballot `ballot` stands for among `leaders` leaders: 4·round + leader for four.
    private static func number(_ ballot: Ballot, _ leaders: Int) -> Int {
        ballot.round * leaders + ballot.leader
    }

    /// The slide's table: each leader's first ballots, in both notations.
    private static func isomorphism(leaders: Int, rounds: Int) -> StateTable {
        StateTable(
            title: "Each leader's ballots: round.leader = \(leaders)·round + leader",
            columns: (0..<rounds).map { "round \($0)" },
            rows: (0..<leaders).map { leader in
                StateTable.Row(label: "l\(leader)", cells: (0..<rounds).map { round in
                    "\(round).\(leader) = \(number(Ballot(round: round, leader: leader), leaders))"
                })
            })
    }
}

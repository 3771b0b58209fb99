import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Paper figure 9 and the slide "If you get preempted, don't immediately try for election
    /// again!": two leaders preempt each other forever, unless the preempted one waits.
    static let duelingLeaders = Walkthrough(
        name: "dueling-leaders",
        title: "Dueling leaders",
        summary: "two leaders preempt each other round after round; failure detection ends the duel"
    ) { () throws(WalkthroughError) -> Transcript in
        let c0 = ProcessID.client(0), r0 = ProcessID.replica(0), l0 = ProcessID.leader(0), l1 = ProcessID.leader(1)
        let acceptors = (0..<3).map(ProcessID.acceptor)
        let rounds = 4
        let script = try Script<Labels>(
            title: "Dueling leaders",
            lesson: """
                Paxos is safe whatever the schedule, but it is not guaranteed to make progress. In \
                paper figure 7 a preempted leader immediately scouts again with a higher ballot. \
                Two such leaders can take turns forever: each gets its ballot adopted just in time \
                to make the other's commander fail, and then is preempted itself, so no slot is ever \
                decided (paper figure 9). The cure the paper suggests (§3), and the slides repeat: \
                if you get preempted, don't immediately try for election again. Our leaders can \
                ping the leader that preempted them and only scout once it stops answering. The \
                story is told twice, from the same start: first with figure 7's leaders, then with \
                failure detection.
                """,
            options: Scene.options(replicas: 1, leaders: 2, acceptors: 3, clients: 1),
            lanes: [c0, r0, l0, l1] + acceptors,
            heading: "Paper figure 7: a preempted leader scouts again at once")

        func setUp(_ story: Script<Labels>) throws(WalkthroughError) {
            try story.step("Both leaders start and scout; r0 proposes A for slot 1 to both, which record it while passive") {
                simulation throws(SimulationError) in
                try simulation.start(l0)
                try simulation.start(l1)
                try simulation.submit("A", client: 0)
                try simulation.deliver(.request, from: c0, to: r0)
                try simulation.deliver(.propose, from: r0, to: l0)
                try simulation.deliver(.propose, from: r0, to: l1)
            }
        }
        func elect(_ leader: ProcessID, in story: Script<Labels>) throws(WalkthroughError) {
            let ballot = story.simulation.leader(leader.index)!.ballotNumber
            try story.step("Every acceptor adopts \(leader)'s ballot \(ballot): \(leader) is active and its commander sends p2a(<\(ballot), 1, A>)") {
                simulation throws(SimulationError) in
                try simulation.elect(leader, by: acceptors)
            }
        }
        func preempt(_ leader: ProcessID, by winner: ProcessID, in story: Script<Labels>, waits: Bool) throws(WalkthroughError) {
            let ballot = story.simulation.leader(winner.index)!.ballotNumber
            try story.step("\(leader)'s p2a arrives after \(ballot): Nope! \(leader) is preempted and \(waits ? "pings \(winner) instead of scouting" : "scouts again at once, higher")") {
                simulation throws(SimulationError) in
                for acceptor in acceptors.prefix(2) { try simulation.deliver(.p2a, from: leader, to: acceptor) }
                try simulation.deliver(.p2b, from: acceptors[0], to: leader)
                try simulation.deliver(.preempted, to: leader)
            }
        }

        try setUp(script)
        var ballots: [String] = []
        for round in 0..<rounds {
            let (winner, loser) = round % 2 == 0 ? (l0, l1) : (l1, l0)
            try elect(winner, in: script)
            ballots.append(script.simulation.leader(winner.index)!.ballotNumber.description)
            if round > 0 { try preempt(loser, by: winner, in: script, waits: false) }
        }
        let undecided = script.simulation.replica(0)!.decisions.isEmpty
        script.check("Duel (figure 7)", "with leaders that scout again at once, an unlucky schedule decides nothing",
                     holds: undecided, "after \(rounds) elections (ballots \(ballots.joined(separator: ", "))) slot 1 is still undecided")

        var settings = Settings.paper()
        settings.failureDetection = Settings.FailureDetection()
        try script.retell("Or… with failure detection: a preempted leader pings the winner first",
                          options: Scene.options(replicas: 1, leaders: 2, acceptors: 3, clients: 1, settings: settings)) {
            story throws(WalkthroughError) in
            try setUp(story)
            try elect(l0, in: story)
            try elect(l1, in: story)
            try preempt(l0, by: l1, in: story, waits: true)
            try story.step("l1's commander meets no higher ballot: a majority accepts <0.1, 1, A> and r0 learns decision(1, A)") {
                simulation throws(SimulationError) in
                try simulation.accept(from: l1, at: Array(acceptors.prefix(2)))
                try simulation.deliver(.decision, to: r0)
            }
            try story.step("l1 answers l0's ping with pong: l0 keeps waiting instead of starting a duel") {
                simulation throws(SimulationError) in
                try simulation.deliver(.ping, from: l0, to: l1)
                try simulation.deliver(.pong, from: l1, to: l0)
            }
            let leader = story.simulation.leader(0)!
            let decided = story.simulation.replica(0)!.decisions[1]?.description
            let scouting = !story.simulation.pendingMessages(from: l0, kind: .p1a).filter { $0.envelope!.message == .p1a(ballot: leader.ballotNumber) }.isEmpty
            story.check("Progress (failure detection)", "a preempted leader that waits for the winner to fail lets it decide",
                        holds: decided == "A" && leader.monitoring == l1 && !scouting,
                        "slot 1 decided \(decided ?? "nothing"); l0 watches \(leader.monitoring.map(\.description) ?? "no one") and has no scout out")
        }
        return script.transcript
    }
}

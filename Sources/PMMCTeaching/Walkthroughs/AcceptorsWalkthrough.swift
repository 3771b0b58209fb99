import PMMC
import PMMCSimulation

extension Walkthroughs {
    /// Slides "Acceptors": one acceptor, two leaders' scouts and commanders.
    static let acceptors = Walkthrough(
        name: "acceptors",
        title: "Acceptors: adopting ballots and accepting pvalues",
        summary: "one acceptor answers p1a and p2a from two leaders: OK! and Nope!"
    ) { () throws(WalkthroughError) -> Transcript in
        let a0 = ProcessID.acceptor(0)
        let scout0 = ProcessID.scout(leader: 0, number: 1), scout1 = ProcessID.scout(leader: 1, number: 1)
        let commander0 = ProcessID.commander(leader: 0, number: 2), commander1 = ProcessID.commander(leader: 1, number: 2)
        let script = try Script<Labels>(
            title: "Acceptors: adopting ballots and accepting pvalues",
            lesson: """
                An acceptor is the memory of Paxos. It keeps two things: ballot_num, the highest \
                ballot it has adopted (⊥ at first, printed _), and accepted, every pvalue \
                <ballot, slot, command> it has accepted. A scout's p1a(b) asks it to adopt b: it does \
                if b is higher, and always answers with its ballot_num and accepted. A commander's \
                p2a(<b, s, c>) asks it to accept: it does only if b equals its ballot_num, and \
                answers with its ballot_num. Answering with a higher ballot is how an acceptor says \
                "Nope!". Here one acceptor hears from the scouts and commanders of leaders l0 and l1, \
                which the script plays; their ballots are 0.0 and 0.1 (round.leader). Slots count \
                from 1, as in the paper (the slide starts this example at slot 0).
                """,
            options: Scene.options(replicas: 1, leaders: 2, acceptors: 1),
            lanes: [.leader(0), .leader(1), a0])
        var rules = AcceptorRules<Labels>(acceptors: [a0])
        rules.record(script.simulation)
        let commandA = Command<Labels>(client: .client(0), requestID: 1, body: .operation("A"))
        let commandB = Command<Labels>(client: .client(1), requestID: 1, body: .operation("B"))

        func deliver(_ narration: String, _ message: Message<Labels>, from sender: ProcessID) throws(WalkthroughError) {
            try script.step(narration) { simulation throws(SimulationError) in
                try simulation.inject(message, from: sender, to: a0)
                try simulation.deliver(from: sender, to: a0)
            }
            rules.record(script.simulation)
        }
        try deliver("a0 adopts 0.1, which beats ⊥, and answers p1b(0.1, []): OK!",
                    .p1a(ballot: Scene.ballot(0, 1)), from: scout1)
        try deliver("0.0 is below 0.1: a0 stays at 0.1 and answers with it. Nope!",
                    .p1a(ballot: Scene.ballot(0, 0)), from: scout0)
        try deliver("The ballot is a0's own: it accepts <0.1, 1, A> and answers p2b(0.1). OK!",
                    .p2a(PValue(ballot: Scene.ballot(0, 1), slot: 1, command: commandA)), from: commander1)
        try deliver("0.0 is not a0's ballot: accepted stays as it was, and the answer p2b(0.1) says Nope!",
                    .p2a(PValue(ballot: Scene.ballot(0, 0), slot: 1, command: commandB)), from: commander0)
        for check in rules.checks() {
            script.check(check.name, check.statement, holds: check.holds, check.detail)
        }
        return script.transcript
    }
}

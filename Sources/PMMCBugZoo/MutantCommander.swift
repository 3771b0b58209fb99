import PMMC

/// A real ``Commander`` with one mistake in how it counts p2b replies towards its majority,
/// made by changing the replies it is handed.
public struct MutantCommander<Machine: StateMachine>: CustomRole, Hashable {
    /// The mistake.
    public enum Mistake: Hashable, Sendable {
        /// Figure 6(a)'s `|waitfor| < |acceptors|/2` turned around (`>`), so the first p2b of
        /// its ballot already counts as a majority: it is handed that p2b once from each
        /// acceptor still awaited.
        case invertedQuorum
        /// Every p2b counts, whatever ballot it carries (DSLabs' QuorumCheckingSearch looks for
        /// this in student labs); a higher ballot means the acceptor refused the pvalue. Each
        /// p2b is handed over as if it carried the commander's own ballot.
        case mixedBallotQuorum
    }

    public private(set) var commander: Commander<Machine>
    public let mistake: Mistake

    public init(_ commander: Commander<Machine>, mistake: Mistake) {
        self.commander = commander
        self.mistake = mistake
    }

    public var id: ProcessID { commander.id }
    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { nil }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        commander.start(into: &outbox)
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        guard case .p2b(let ballot) = message else { return commander.receive(message, from: sender, into: &outbox) }
        switch mistake {
        case .invertedQuorum:
            var inner = Outbox<Machine>()
            inner.now = outbox.now
            commander.receive(message, from: sender, into: &inner)
            if ballot == commander.pvalue.ballot {
                for acceptor in commander.waitFor where !inner.exits {
                    commander.receive(message, from: acceptor, into: &inner)
                }
            }
            outbox.forward(inner)
        case .mixedBallotQuorum:
            commander.receive(.p2b(ballot: commander.pvalue.ballot), from: sender, into: &outbox)
        }
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        commander.timerFired(timer, into: &outbox)
    }
}

import PMMC

/// A real ``Leader`` with one mistake, made by changing what it receives or what it spawns.
public struct MutantLeader<Machine: StateMachine>: CustomRole, Hashable {
    /// The mistake.
    public enum Mistake: Hashable, Sendable {
        /// Its scouts and commanders take the first reply for a majority
        /// (``InvertedQuorumScout``, ``MutantCommander/Mistake/invertedQuorum``).
        case invertedQuorum
        /// Its commanders count p2b of any ballot (``MutantCommander/Mistake/mixedBallotQuorum``).
        case mixedBallotQuorum
        /// It takes no notice of what acceptors had accepted: every `adopted` reaches it with
        /// no pvalues, so `proposals ◁ pmax(pvals)` keeps its own proposals.
        case skipPmax
    }

    public private(set) var leader: Leader<Machine>
    public let mistake: Mistake

    public init(_ leader: Leader<Machine>, mistake: Mistake) {
        self.leader = leader
        self.mistake = mistake
    }

    public var id: ProcessID { leader.id }
    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { nil }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        inner.now = outbox.now
        leader.start(into: &inner)
        forward(inner, into: &outbox)
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        inner.now = outbox.now
        switch (mistake, message) {
        case (.skipPmax, .adopted(let ballot, _, let collectedBelow)):
            leader.receive(.adopted(ballot: ballot, pvalues: [], collectedBelow: collectedBelow), from: sender, into: &inner)
        default:
            leader.receive(message, from: sender, into: &inner)
        }
        forward(inner, into: &outbox)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        inner.now = outbox.now
        leader.timerFired(timer, into: &inner)
        forward(inner, into: &outbox)
    }

    public mutating func restart(into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        inner.now = outbox.now
        leader.restart(into: &inner)
        forward(inner, into: &outbox)
    }

    public mutating func childExited(_ child: ProcessID, at time: Int) {
        leader.childExited(child, at: time)
    }

    private func forward(_ inner: Outbox<Machine>, into outbox: inout Outbox<Machine>) {
        outbox.forward(inner) { child in
            switch (mistake, child) {
            case (.invertedQuorum, .scout(let scout)): .custom(InvertedQuorumScout(scout))
            case (.invertedQuorum, .commander(let commander)): .custom(MutantCommander(commander, mistake: .invertedQuorum))
            case (.mixedBallotQuorum, .commander(let commander)): .custom(MutantCommander(commander, mistake: .mixedBallotQuorum))
            default: child
            }
        }
    }
}

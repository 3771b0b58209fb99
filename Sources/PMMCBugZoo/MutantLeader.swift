import PMMC

/// A real ``Leader`` with one mistake, made by changing what it receives or what it spawns.
public struct MutantLeader<Machine: StateMachine>: CustomRole, Hashable {
    /// The mistake.
    public enum Mistake: Hashable, Sendable {
        /// Its scouts and commanders take the first reply for a majority
        /// (``InvertedQuorumScout``, ``InvertedQuorumCommander``).
        case invertedQuorum
        /// Its commanders count p2b of any ballot (``MixedBallotCommander``).
        case mixedBallotQuorum
        /// It takes no notice of what acceptors had accepted: every `adopted` reaches it with
        /// no pvalues, so `proposals ◁ pmax(pvals)` keeps its own proposals.
        case skipPmax
        /// A `preempted` whose ballot is not above its own (stale: it comes from a child of an
        /// older ballot) makes it passive anyway, without a new scout, as the paper's code once
        /// did: it spawns no commander until something preempts it for real.
        case stalePreempted
    }

    public private(set) var leader: Leader<Machine>
    public let mistake: Mistake
    /// ``Mistake/stalePreempted``: whether a stale `preempted` made it passive.
    public private(set) var wronglyPassive = false

    public init(_ leader: Leader<Machine>, mistake: Mistake) {
        self.leader = leader
        self.mistake = mistake
    }

    public var id: ProcessID { leader.id }
    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { nil }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        leader.start(into: &inner)
        forward(inner, into: &outbox)
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        switch (mistake, message) {
        case (.skipPmax, .adopted(let ballot, _)):
            leader.receive(.adopted(ballot: ballot, pvalues: []), from: sender, into: &inner)
        case (.stalePreempted, .preempted(let ballot)) where ballot <= leader.ballotNumber && leader.active:
            wronglyPassive = true
            leader.receive(message, from: sender, into: &inner)
        default:
            leader.receive(message, from: sender, into: &inner)
        }
        if !leader.active { wronglyPassive = false }
        forward(inner, into: &outbox)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        leader.timerFired(timer, into: &inner)
        forward(inner, into: &outbox)
    }

    public mutating func childExited(_ child: ProcessID) {
        leader.childExited(child)
    }

    private func forward(_ inner: Outbox<Machine>, into outbox: inout Outbox<Machine>) {
        outbox.forward(inner) { child in
            switch (mistake, child) {
            case (.invertedQuorum, .scout(let scout)): .custom(InvertedQuorumScout(scout))
            case (.invertedQuorum, .commander(let commander)): .custom(InvertedQuorumCommander(commander))
            case (.mixedBallotQuorum, .commander(let commander)): .custom(MixedBallotCommander(commander))
            case (.stalePreempted, .commander) where wronglyPassive: nil
            default: child
            }
        }
    }
}

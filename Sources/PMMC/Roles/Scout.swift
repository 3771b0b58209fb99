/// A scout (paper figure 6(b)): runs phase 1 of one ballot for its leader, then exits.
///
/// ```
/// waitfor := acceptors; pvalues := ∅
/// ∀α ∈ acceptors: send(α, ⟨p1a, self, b⟩)
/// on ⟨p1b, α, b', r⟩: if b' = b then pvalues := pvalues ∪ r; waitfor := waitfor − {α}
///                       if |waitfor| < |acceptors|/2 then send(λ, ⟨adopted, b, pvalues⟩); exit
///                     else send(λ, ⟨preempted, b'⟩); exit
/// ```
/// Because links may lose messages, the scout sends p1a again to the acceptors it still
/// waits for every ``Settings/phaseRetransmit`` ticks.
public struct Scout<Machine: StateMachine>: Hashable, Sendable {
    public let id: ProcessID
    public let leader: ProcessID
    public let acceptors: [ProcessID]
    public let ballot: Ballot
    /// The acceptors that have not yet answered with ``ballot``.
    public private(set) var waitFor: [ProcessID]
    /// The union of the accepted sets reported so far, in order of arrival.
    public private(set) var pvalues: [PValue<Machine>] = []
    private var known: Set<PValue<Machine>> = []
    private let retransmitInterval: Int

    public init(id: ProcessID, leader: ProcessID, acceptors: [ProcessID], ballot: Ballot, settings: Settings) {
        self.id = id
        self.leader = leader
        self.acceptors = acceptors
        self.ballot = ballot
        self.waitFor = acceptors
        self.retransmitInterval = settings.phaseRetransmit
    }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        outbox.send(.p1a(ballot: ballot), to: acceptors)
        outbox.setTimer(.phaseRetransmit, after: retransmitInterval)
    }

    public mutating func receive(_ message: Message<Machine>, from acceptor: ProcessID, into outbox: inout Outbox<Machine>) {
        guard case .p1b(let acceptorBallot, let accepted) = message else { return outbox.observe(.ignored) }
        if acceptorBallot > ballot {
            outbox.send(.preempted(ballot: acceptorBallot), to: leader)
            outbox.exit()
            return
        }
        guard acceptorBallot == ballot, let index = waitFor.firstIndex(of: acceptor) else { return outbox.observe(.ignored) }
        for pvalue in accepted where known.insert(pvalue).inserted {
            pvalues.append(pvalue)
        }
        waitFor.remove(at: index)
        if 2 * waitFor.count < acceptors.count {
            outbox.send(.adopted(ballot: ballot, pvalues: pvalues), to: leader)
            outbox.exit()
        }
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        guard timer == .phaseRetransmit else { return }
        outbox.send(.p1a(ballot: ballot), to: waitFor)
        outbox.setTimer(.phaseRetransmit, after: retransmitInterval)
    }
}

/// A scout (paper figure 6(b)): runs phase 1 of one ballot for its leader, then exits.
///
/// ```
/// waitfor := acceptors; pvalues := ∅
/// ∀α ∈ acceptors: send(α, ⟨p1a, self, b⟩)
/// on ⟨p1b, α, b', r⟩: if b' = b then pvalues := pvalues ∪ r; waitfor := waitfor − {α}
///                       if |waitfor| < |acceptors|/2 then send(λ, ⟨adopted, b, pvalues⟩); exit
///                     else send(λ, ⟨preempted, b'⟩); exit
/// ```
/// With garbage collection (paper §4.2) each p1b also carries the slot below which its
/// acceptor dropped everything; the scout keeps the highest, and passes on in `adopted` only
/// the pvalues from that slot on.
///
/// Because links may lose messages, the scout sends p1a again to the acceptors it still
/// waits for whenever its ``retransmitTimer`` runs out: every ``Settings/phaseRetransmit`` ticks, or,
/// with ``Settings/adaptiveRetransmission``, after the timeout its leader measured, doubled
/// on each expiry (``RetransmitTimer``).
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
    /// When p1a is sent again.
    public private(set) var retransmitTimer: RetransmitTimer
    /// The highest `collectedBelow` of the p1b messages counted so far.
    public private(set) var collectedBelow = 1

    public init(id: ProcessID, leader: ProcessID, acceptors: [ProcessID], ballot: Ballot, timer: RetransmitTimer) {
        self.id = id
        self.leader = leader
        self.acceptors = acceptors
        self.ballot = ballot
        self.waitFor = acceptors
        self.retransmitTimer = timer
    }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        outbox.send(.p1a(ballot: ballot), to: acceptors)
        outbox.setTimer(.phaseRetransmit, after: retransmitTimer.timeout)
    }

    public mutating func receive(_ message: Message<Machine>, from acceptor: ProcessID, into outbox: inout Outbox<Machine>) {
        guard case .p1b(let acceptorBallot, let accepted, let acceptorCollectedBelow) = message else { return outbox.observe(.ignored) }
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
        collectedBelow = max(collectedBelow, acceptorCollectedBelow)
        if 2 * waitFor.count < acceptors.count {
            let live = collectedBelow > 1 ? pvalues.filter { $0.slot >= collectedBelow } : pvalues
            outbox.send(.adopted(ballot: ballot, pvalues: live, collectedBelow: collectedBelow), to: leader)
            outbox.exit()
        }
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        guard timer == .phaseRetransmit else { return }
        retransmitTimer.expired()
        outbox.send(.p1a(ballot: ballot), to: waitFor)
        outbox.setTimer(.phaseRetransmit, after: retransmitTimer.timeout)
    }
}

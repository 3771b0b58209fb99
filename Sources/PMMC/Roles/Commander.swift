/// A commander (paper figure 6(a)): runs phase 2 of one pvalue for its leader, then exits.
///
/// ```
/// waitfor := acceptors
/// ∀α ∈ acceptors: send(α, ⟨p2a, self, ⟨b,s,c⟩⟩)
/// on ⟨p2b, α, b'⟩: if b' = b then waitfor := waitfor − {α}
///                    if |waitfor| < |acceptors|/2 then ∀ρ ∈ replicas: send(ρ, ⟨decision, s, c⟩); exit
///                  else send(λ, ⟨preempted, b'⟩); exit
/// ```
/// A p2b with a ballot below ours comes from an acceptor that had not yet seen our ballot; it
/// is not a preemption (the leader would discard it as stale), so the commander keeps waiting.
/// The acceptor adopts our ballot from the p2a it answers next (see ``Acceptor``).
/// Because links may lose messages, the commander sends p2a again to the acceptors it still
/// waits for whenever its ``retransmitTimer`` runs out: every ``Settings/phaseRetransmit`` ticks, or,
/// with ``Settings/adaptiveRetransmission``, after the timeout its leader measured, doubled
/// on each expiry (``RetransmitTimer``).
public struct Commander<Machine: StateMachine>: Hashable, Sendable {
    public let id: ProcessID
    public let leader: ProcessID
    public let acceptors: [ProcessID]
    public let replicas: [ProcessID]
    public let pvalue: PValue<Machine>
    /// The acceptors that have not yet accepted ``pvalue``.
    public private(set) var waitFor: [ProcessID]
    /// When p2a is sent again.
    public private(set) var retransmitTimer: RetransmitTimer

    public init(
        id: ProcessID, leader: ProcessID, acceptors: [ProcessID], replicas: [ProcessID],
        pvalue: PValue<Machine>, timer: RetransmitTimer
    ) {
        self.id = id
        self.leader = leader
        self.acceptors = acceptors
        self.replicas = replicas
        self.pvalue = pvalue
        self.waitFor = acceptors
        self.retransmitTimer = timer
    }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        outbox.send(.p2a(pvalue), to: acceptors)
        outbox.setTimer(.phaseRetransmit, after: retransmitTimer.timeout)
    }

    public mutating func receive(_ message: Message<Machine>, from acceptor: ProcessID, into outbox: inout Outbox<Machine>) {
        guard case .p2b(let acceptorBallot) = message else { return outbox.observe(.ignored) }
        if acceptorBallot > pvalue.ballot {
            outbox.send(.preempted(ballot: acceptorBallot), to: leader)
            outbox.exit()
            return
        }
        guard acceptorBallot == pvalue.ballot, let index = waitFor.firstIndex(of: acceptor) else {
            return outbox.observe(.ignored)
        }
        waitFor.remove(at: index)
        if 2 * waitFor.count < acceptors.count {
            outbox.send(.decision(slot: pvalue.slot, command: pvalue.command), to: replicas)
            outbox.exit()
        }
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        guard timer == .phaseRetransmit else { return }
        retransmitTimer.expired()
        outbox.send(.p2a(pvalue), to: waitFor)
        outbox.setTimer(.phaseRetransmit, after: retransmitTimer.timeout)
    }
}

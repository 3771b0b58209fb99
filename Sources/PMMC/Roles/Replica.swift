/// A replica (paper figure 1): keeps a copy of the application, proposes client requests for
/// slots, and applies decisions in slot order.
///
/// ```
/// on ⟨request, c⟩:   requests := requests ∪ {c}
/// on ⟨decision, s, c⟩: decisions := decisions ∪ {⟨s, c⟩}
///     while ∃c' : ⟨slot_out, c'⟩ ∈ decisions:
///         if ∃c'' : ⟨slot_out, c''⟩ ∈ proposals then
///             proposals := proposals − {⟨slot_out, c''⟩}
///             if c'' ≠ c' then requests := requests ∪ {c''}
///         perform(c')
/// propose(): while slot_in < slot_out + WINDOW ∧ ∃c : c ∈ requests:
///         if isreconfig(decisions[slot_in − WINDOW]) then leaders := its leaders
///         if ∄c' : ⟨slot_in, c'⟩ ∈ decisions then
///             requests := requests − {c}; proposals := proposals ∪ {⟨slot_in, c⟩}
///             ∀λ ∈ leaders: send(λ, ⟨propose, slot_in, c⟩)
///         slot_in := slot_in + 1
/// perform(⟨κ, cid, op⟩): if ∃s < slot_out : decisions[s] = ⟨κ, cid, op⟩ ∨ isreconfig(op)
///         then slot_out := slot_out + 1
///         else ⟨next, result⟩ := op(state); state := next; slot_out := slot_out + 1
///              send(κ, ⟨response, cid, result⟩)
/// ```
///
/// At-most-once execution uses client sessions instead of scanning the log: each client has at
/// most one request in flight and numbers them 1, 2, 3, …, so a command whose request id is
/// not above the client's last executed one is a duplicate. A retransmitted request that was
/// already executed is answered from the session.
///
/// Additions for reconfiguration and lossy links:
/// - Leaders change at slot s + WINDOW only for a reconfiguration actually performed in slot
///   s: one decided a second time is a duplicate and changes nothing.
/// - A performed reconfiguration answers its client, and when clients are idle the replica
///   fills the undecided slots up to the one where it takes effect with no-ops, so the new leaders
///   take over without waiting for traffic. A displaced no-op is dropped, not re-proposed.
/// - Proposals still undecided after ``Settings/proposalRetransmit`` ticks without progress
///   are proposed again (`retry`) to the leaders of their slot's configuration.
/// - A replica stuck at a slot it never proposed for, while later slots are decided (it missed
///   a decision), proposes a no-op for `slot_out` (`retry`). This is safe: a leader whose
///   ballot was adopted already holds any command chosen for that slot (pmax), and a leader
///   with a lower ballot is preempted. The command already chosen wins; the no-op only makes
///   the leader send the decision again.
public struct Replica<Machine: StateMachine>: Equatable, Sendable {
    /// The last request a client had executed, and its output.
    public struct Session: Hashable, Sendable {
        public let requestID: Int
        public let output: Machine.Output?
    }

    /// The leaders of one configuration and the first slot they are responsible for.
    private struct Era: Hashable {
        let firstSlot: Int
        let leaders: [ProcessID]
    }

    public let id: ProcessID
    public let window: Int
    /// The application state: the decisions below ``slotOut`` applied in order.
    public private(set) var state = Machine()
    /// The next slot this replica will propose for.
    public private(set) var slotIn = 1
    /// The next slot to apply.
    public private(set) var slotOut = 1
    /// Requests waiting for a slot, oldest first.
    public private(set) var requests: [Command<Machine>] = []
    /// This replica's proposals that are not yet applied, by slot.
    public private(set) var proposals: [Int: Command<Machine>] = [:]
    /// Every decision received, by slot.
    public private(set) var decisions: [Int: Command<Machine>] = [:]
    /// The leaders of the configuration in force at ``slotIn``.
    public private(set) var leaders: [ProcessID]
    /// Each client's last executed request.
    public private(set) var sessions: [ProcessID: Session] = [:]
    /// How many of this replica's proposals lost their slot to another command and were
    /// proposed again (paper figure 2).
    public private(set) var displacedProposals = 0
    /// How many client operations this replica has applied to ``state``.
    public private(set) var operationsApplied = 0
    /// How many decided commands were skipped as duplicates.
    public private(set) var duplicatesSkipped = 0

    private let retransmitInterval: Int
    /// Every configuration's leaders, oldest first.
    private var leaderHistory: [Era]
    /// Reconfigurations performed (duplicates excluded), by the slot they were decided in.
    private var reconfigurations: [Int: Configuration] = [:]
    /// The request each client has waiting in ``requests`` or ``proposals``.
    private var queued: [ProcessID: Int] = [:]
    private var noopsIssued = 0
    /// The highest slot any decision has arrived for.
    private var highestDecision = 0
    private var retransmitPending = false
    private var slotOutAtLastCheck = 1

    public init(id: ProcessID, leaders: [ProcessID], settings: Settings) {
        self.id = id
        self.window = settings.window
        self.leaders = leaders
        self.leaderHistory = [Era(firstSlot: 1, leaders: leaders)]
        self.retransmitInterval = settings.proposalRetransmit
    }

    /// The decided commands from slot 1 up to (not including) ``slotOut``, in order.
    public var log: [Command<Machine>] {
        (1..<slotOut).map { decisions[$0]! }
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch message {
        case .request(let command):
            guard enqueue(command, into: &outbox) else { return outbox.observe(.ignored) }
        case .decision(let slot, let command):
            guard decisions[slot] == nil else { return outbox.observe(.ignored) }
            decisions[slot] = command
            highestDecision = max(highestDecision, slot)
            outbox.observe(.decided(slot: slot, command: command))
            while let decided = decisions[slotOut] {
                if let proposed = proposals.removeValue(forKey: slotOut), proposed != decided {
                    requeueDisplaced(proposed)
                }
                perform(decided, into: &outbox)
                outbox.observe(.applied(slot: slotOut - 1, command: decided))
            }
        case .response, .propose, .p1a, .p1b, .p2a, .p2b, .adopted, .preempted, .ping, .pong:
            return outbox.observe(.ignored)
        }
        propose(into: &outbox)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        guard timer == .proposalRetransmit else { return }
        retransmitPending = false
        if slotOut == slotOutAtLastCheck {
            // slot_in lags behind slot_out on a replica that learned decisions without proposing.
            for slot in slotOut..<max(slotOut, slotIn) {
                if let command = proposals[slot], decisions[slot] == nil {
                    outbox.send(.propose(slot: slot, command: command, retry: true), to: leaders(forSlot: slot))
                }
            }
            if proposals[slotOut] == nil, decisions[slotOut] == nil, highestDecision > slotOut {
                noopsIssued += 1
                let noop = Command<Machine>(client: id, requestID: noopsIssued, body: .noop)
                outbox.send(.propose(slot: slotOut, command: noop, retry: true), to: leaders(forSlot: slotOut))
            }
        }
        slotOutAtLastCheck = slotOut
        armRetransmit(into: &outbox)
    }

    /// Queues a client's request, or answers it from the client's session if it was already
    /// performed. Returns false if the request was discarded: older than the session's, or
    /// already waiting.
    private mutating func enqueue(_ command: Command<Machine>, into outbox: inout Outbox<Machine>) -> Bool {
        if let session = sessions[command.client], command.requestID <= session.requestID {
            guard command.requestID == session.requestID else { return false }
            outbox.send(.response(requestID: session.requestID, output: session.output), to: command.client)
            return true
        }
        guard queued[command.client] != command.requestID else { return false }
        queued[command.client] = command.requestID
        requests.append(command)
        return true
    }

    private mutating func requeueDisplaced(_ command: Command<Machine>) {
        if case .noop = command.body { return }
        if let session = sessions[command.client], command.requestID <= session.requestID { return }
        displacedProposals += 1
        requests.append(command)
    }

    private mutating func propose(into outbox: inout Outbox<Machine>) {
        while slotIn < slotOut + window, !requests.isEmpty {
            if slotIn > window, let configuration = reconfigurations[slotIn - window] {
                leaders = configuration.leaders
                leaderHistory.append(Era(firstSlot: slotIn, leaders: configuration.leaders))
            }
            if decisions[slotIn] == nil {
                let command = requests.removeFirst()
                proposals[slotIn] = command
                outbox.send(.propose(slot: slotIn, command: command, retry: false), to: leaders)
            }
            slotIn += 1
        }
        armRetransmit(into: &outbox)
    }

    private mutating func perform(_ command: Command<Machine>, into outbox: inout Outbox<Machine>) {
        defer { slotOut += 1 }
        if queued[command.client] == command.requestID {
            queued[command.client] = nil
        }
        if case .noop = command.body { return }
        if let session = sessions[command.client], command.requestID <= session.requestID {
            duplicatesSkipped += 1
            return
        }
        let output: Machine.Output?
        switch command.body {
        case .operation(let operation):
            output = state.apply(operation)
            operationsApplied += 1
        case .reconfigure(let configuration):
            output = nil
            reconfigurations[slotOut] = configuration
            fillWindowWithNoops(reconfigurationSlot: slotOut)
        case .noop:
            return
        }
        sessions[command.client] = Session(requestID: command.requestID, output: output)
        outbox.send(.response(requestID: command.requestID, output: output), to: command.client)
    }

    /// Queues enough no-ops that, together with waiting requests, every undecided slot before
    /// the one where the reconfiguration decided in `slot` takes effect gets a proposal.
    private mutating func fillWindowWithNoops(reconfigurationSlot slot: Int) {
        let undecided = (max(slotIn, slot + 1)..<slot + window).count { decisions[$0] == nil }
        let missing = undecided - requests.count
        guard missing > 0 else { return }
        for _ in 0..<missing {
            noopsIssued += 1
            requests.append(Command(client: id, requestID: noopsIssued, body: .noop))
        }
    }

    private func leaders(forSlot slot: Int) -> [ProcessID] {
        leaderHistory.last { $0.firstSlot <= slot }!.leaders
    }

    private mutating func armRetransmit(into outbox: inout Outbox<Machine>) {
        guard !retransmitPending, !proposals.isEmpty || highestDecision > slotOut else { return }
        retransmitPending = true
        outbox.setTimer(.proposalRetransmit, after: retransmitInterval)
    }
}

/// A replica is hashable when its application is, so that a host can tell states apart (the
/// explorer deduplicates states by hashing every process).
extension Replica: Hashable where Machine: Hashable {}

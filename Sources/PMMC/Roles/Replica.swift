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
///   are proposed again (`retry`) to the leaders of their slot's configuration. With
///   ``Settings/adaptiveRetransmission`` they are proposed again once `slot_out` has stood
///   still for the ``retransmitTimer``'s timeout: the time from a slot's first proposal to
///   its decision is a round-trip sample (never for a slot proposed again: Karn's rule), each
///   retry doubles the timeout, and `slot_out` moving on undoes the doubling.
/// - A replica stuck at a slot it never proposed for, while later slots are decided (it missed
///   a decision), proposes a no-op for `slot_out` (`retry`). This is safe: a leader whose
///   ballot was adopted already holds any command chosen for that slot (pmax), and a leader
///   with a lower ballot is preempted. The command already chosen wins; the no-op only makes
///   the leader send the decision again.
///
/// A restart after a crash (``restart(into:)``, not in the figure) sets the replica's timers
/// again; its state survives.
///
/// Garbage collection and catch-up (``Settings/garbageCollection``, ``Settings/catchUp``;
/// paper §4.2, Docs/Pragmatics.md), from the replica's first message on:
/// - Every ``Settings/executedReportInterval`` ticks it sends `⟨executed, slot_out⟩` to its
///   leaders (when `slot_out` moved) and to the other replicas (always, so that one cut off
///   learns it is behind once it hears again).
/// - With garbage collection it keeps only its last ``Settings/retainedDecisions`` applied
///   decisions: its state and sessions stand for the older ones (``logStart``).
/// - A replica told of a higher `slot_out` that made no progress for a whole interval, or is
///   more than WINDOW slots behind it, sends `⟨catchUp, slot_out⟩` to the replica ahead, which answers with the decisions from there
///   on if it still keeps them, and otherwise with a ``ReplicaSnapshot``.
/// - A replica holding a decision past `slot_out` for longer than late decisions take
///   (``DecisionGap``) sends `⟨catchUp, slot_out⟩` to the other replicas and proposes for
///   `slot_out` again at once, without waiting out its retransmission timeout.
///
/// Batching (``Settings/batching``; Docs/Pragmatics.md), where `propose()` departs from the
/// figure: it moves up to ``Settings/Batching/maximumSize`` requests at once into one
/// ``Command/Body/batch(_:)`` command for `slot_in`, and waits while a batch is gathering
/// (``BatchAssembly``). `perform` performs a batch's commands in order, each at most once by
/// its client's session, and answers each client; a displaced batch puts its commands back
/// into `requests`, one by one, so they are proposed again and performed once.
///
/// One replica per request (``Settings/broadcastRequests`` off; Docs/Pragmatics.md), where
/// `perform` departs from the figure: a client sends a new request to one replica, so a
/// replica answers only the requests it received. A client that hears nothing sends its
/// request to every replica, and one that already performed it answers from the session.
public struct Replica<Machine: StateMachine>: Equatable, Sendable {
    /// The last request a client had executed, and its output.
    public struct Session: Hashable, Sendable {
        public let requestID: Int
        public let output: Machine.Output?
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
    public private(set) var proposals: SlotLog<Command<Machine>> = [:]
    /// Every decision received, by slot, from ``logStart`` on.
    public private(set) var decisions: SlotLog<Command<Machine>> = [:]
    /// The first slot whose decision ``decisions`` keeps: 1 until garbage collection drops
    /// older ones or a snapshot is installed. The slots below it live on in ``state`` and
    /// ``sessions``.
    public private(set) var logStart = 1
    /// The leaders of the configuration in force at ``slotIn``.
    public private(set) var leaders: [ProcessID]
    /// Each client's last executed request.
    public private(set) var sessions = ClientMap<Session>()
    /// How many client commands this replica proposed lost their slot to another command
    /// and were proposed again (paper figure 2); a displaced batch counts each of its commands.
    public private(set) var displacedProposals = 0
    /// How many client operations this replica has applied to ``state``.
    public private(set) var operationsApplied = 0
    /// How many decided client commands were skipped as duplicates, counted one by one
    /// inside batches.
    public private(set) var duplicatesSkipped = 0

    /// When undecided proposals are proposed again.
    public private(set) var retransmitTimer: RetransmitTimer
    /// With adaptive retransmission: when each slot proposed exactly once was proposed.
    private var proposedAt: SlotLog<Int> = [:]
    /// Every configuration's leaders, oldest first.
    private var leaderHistory: [ReplicaSnapshot<Machine>.LeaderEra]
    /// Reconfigurations performed (duplicates excluded), by the slot they were decided in.
    private var reconfigurations: [Int: Configuration] = [:]
    /// The request each client has waiting in ``requests`` or ``proposals``.
    private var queued = ClientMap<Int>()
    /// The request ids of this replica's own no-ops and batches.
    private var commandsIssued = 0
    /// How waiting requests are gathered into batches.
    private var batchAssembly: BatchAssembly
    /// The highest slot any decision has arrived for.
    private var highestDecision = 0
    private var retransmitPending = false
    private var slotOutAtLastCheck = 1
    /// With adaptive retransmission: when `slot_out` last moved, or the last retry went out,
    /// or proposing started again after a quiet spell.
    private var lastProgressAt = 0
    /// The other replicas, told of this one's progress for catch-up.
    private let peers: [ProcessID]
    private let settings: Settings
    /// Garbage collection and catch-up bookkeeping; see ``ReplicaProgress``.
    private var progress = ReplicaProgress()
    /// With catch-up and other replicas: the missed decision it may ask them for.
    private var gap: DecisionGap?

    /// A replica proposing to `leaders`; `replicas`, all replicas of the deployment (this one
    /// may be among them), are told of its progress when ``Settings/catchUp`` is set.
    public init(id: ProcessID, leaders: [ProcessID], replicas: [ProcessID] = [], settings: Settings) {
        self.id = id
        self.window = settings.window
        self.leaders = leaders
        self.leaderHistory = [.init(firstSlot: 1, leaders: leaders)]
        self.retransmitTimer = RetransmitTimer(initial: settings.proposalRetransmit, adapting: settings.adaptiveRetransmission)
        self.peers = replicas.filter { $0 != id }
        self.settings = settings
        self.gap = settings.catchUp && !peers.isEmpty ? DecisionGap(settings: settings) : nil
        self.batchAssembly = BatchAssembly(limits: settings.batching)
    }

    /// The decided commands from ``logStart`` up to (not including) ``slotOut``, in order:
    /// from slot 1 unless garbage collection or a snapshot dropped older ones.
    public var log: [Command<Machine>] {
        (logStart..<slotOut).map { decisions[$0]! }
    }

    /// How many decisions it keeps.
    public var retainedDecisions: Int { decisions.count }

    /// How many of its own proposals it keeps.
    public var retainedProposals: Int { proposals.count }

    /// About how many bytes its decisions and proposals take (slot and
    /// ``Command/approximateBytes`` each); the state and sessions are not counted.
    public var retainedBytes: Int {
        decisions.values.reduce(0) { $0 + MemoryLayout<Int>.size + $1.approximateBytes }
            + proposals.values.reduce(0) { $0 + MemoryLayout<Int>.size + $1.approximateBytes }
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch message {
        case .request(let command):
            guard enqueue(command, into: &outbox) else { return outbox.observe(.ignored) }
        case .decision(let slot, let command):
            guard slot >= logStart, decisions[slot] == nil else { return outbox.observe(.ignored) }
            decisions[slot] = command
            highestDecision = max(highestDecision, slot)
            if let proposed = proposedAt.removeValue(forSlot: slot) {
                retransmitTimer.sample(outbox.now - proposed)
            }
            outbox.observe(.decided(slot: slot, command: command))
            let firstToApply = slotOut
            performDecided(into: &outbox)
            if slotOut > firstToApply {
                retransmitTimer.answered()
                lastProgressAt = outbox.now
            }
        case .executed(let slotOut):
            guard settings.catchUp, progress.heard(slotOut, from: sender, at: self.slotOut) else { return outbox.observe(.ignored) }
        case .catchUp(let slotOut):
            guard settings.catchUp, slotOut < self.slotOut else { return outbox.observe(.ignored) }
            sendCatchUp(from: slotOut, to: sender, into: &outbox)
        case .snapshot(let snapshot):
            guard settings.catchUp, snapshot.slotOut > slotOut else { return outbox.observe(.ignored) }
            install(snapshot, into: &outbox)
        case .response, .propose, .p1a, .p1b, .p2a, .p2b, .adopted, .preempted, .ping, .pong, .collect:
            return outbox.observe(.ignored)
        }
        watchForGap(into: &outbox)
        armReport(into: &outbox)
        propose(into: &outbox)
    }

    /// With catch-up: tells ``DecisionGap`` where the replica stands, and sets the
    /// `missingDecision` timer if a gap opened.
    private mutating func watchForGap(into outbox: inout Outbox<Machine>) {
        if let delay = gap?.update(slotOut: slotOut, open: highestDecision > slotOut, now: outbox.now) {
            outbox.setTimer(.missingDecision, after: delay)
        }
    }

    /// Comes back after a crash (not in figure 1; Docs/Simulation.md, "Restart"). The host
    /// kept this replica's state, but its timers died with it: it sets them again, and
    /// proposes any request still waiting for a slot. Proposals timed before the crash give
    /// no round-trip sample (Karn's rule), and the first retransmission is due a timeout after
    /// the restart, so that proposals decided while it was down are asked about again. Its
    /// watch for a missed decision (``DecisionGap``) starts over.
    public mutating func restart(into outbox: inout Outbox<Machine>) {
        retransmitPending = false
        progress.reportArmed = false
        batchAssembly.timerEnded()
        proposedAt.removeAll()
        lastProgressAt = outbox.now
        if gap != nil {
            gap = DecisionGap(settings: settings)
        }
        watchForGap(into: &outbox)
        armReport(into: &outbox)
        propose(into: &outbox)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        if timer == .executedReport {
            return report(into: &outbox)
        }
        if timer == .missingDecision {
            return askForMissingDecision(into: &outbox)
        }
        if timer == .batchFlush {
            batchAssembly.timerEnded()
            return propose(into: &outbox)
        }
        guard timer == .proposalRetransmit else { return }
        retransmitPending = false
        if retransmitTimer.isAdaptive {
            if outbox.now - waitingSince >= retransmitTimer.timeout {
                retransmitTimer.expired()
                lastProgressAt = outbox.now
                proposeUndecidedAgain(into: &outbox)
            }
        } else if slotOut == slotOutAtLastCheck {
            proposeUndecidedAgain(into: &outbox)
        }
        slotOutAtLastCheck = slotOut
        armRetransmit(into: &outbox)
    }

    /// Proposes every undecided proposal from `slot_out` on again, and a no-op for `slot_out`
    /// if later slots are decided and nobody here proposed for it.
    private mutating func proposeUndecidedAgain(into outbox: inout Outbox<Machine>) {
        // slot_in lags behind slot_out on a replica that learned decisions without proposing.
        for slot in slotOut..<max(slotOut, slotIn) {
            proposeAgain(slot: slot, into: &outbox)
        }
        gap?.reproposed(slot: slotOut, at: outbox.now)
        proposeNoopIfMissed(into: &outbox)
    }

    /// Proposes this replica's command for `slot` again, if it has one there still undecided.
    private mutating func proposeAgain(slot: Int, into outbox: inout Outbox<Machine>) {
        guard let command = proposals[slot], decisions[slot] == nil else { return }
        proposedAt[slot] = nil
        outbox.send(.propose(slot: slot, command: command, retry: true), to: leaders(forSlot: slot))
    }

    /// Proposes a no-op for `slot_out` if later slots are decided and nobody here proposed for it.
    private mutating func proposeNoopIfMissed(into outbox: inout Outbox<Machine>) {
        guard proposals[slotOut] == nil, decisions[slotOut] == nil, highestDecision > slotOut else { return }
        let noop = issue(.noop)
        outbox.send(.propose(slot: slotOut, command: noop, retry: true), to: leaders(forSlot: slotOut))
    }

    /// The `missingDecision` timer: once the gap at ``slotOut`` has lasted longer than late
    /// decisions take (``DecisionGap``), asks the other replicas for the decisions from there
    /// on and proposes for `slot_out` again at once, as TCP's fast retransmit does, without
    /// waiting out the retransmission timeout.
    private mutating func askForMissingDecision(into outbox: inout Outbox<Machine>) {
        guard let (repair, again) = gap?.fired(now: outbox.now) else { return }
        if repair {
            outbox.send(.catchUp(slotOut: slotOut), to: peers)
            proposeAgain(slot: slotOut, into: &outbox)
            proposeNoopIfMissed(into: &outbox)
            lastProgressAt = outbox.now
        }
        if let again {
            outbox.setTimer(.missingDecision, after: again)
        }
    }

    /// Performs the decided slots from ``slotOut`` on, in order.
    private mutating func performDecided(into outbox: inout Outbox<Machine>) {
        while let decided = decisions[slotOut] {
            let proposed = proposals.removeValue(forSlot: slotOut)
            perform(decided, into: &outbox)
            // Re-queued after performing, not before as in the figure (where requests is a
            // set, so the order is free): a displaced batch's commands that the decided batch
            // holds too are then seen as performed and not proposed again.
            if let proposed, proposed != decided {
                requeueDisplaced(proposed)
            }
            outbox.observe(.applied(slot: slotOut - 1, command: decided))
        }
    }

    /// The report timer: drops old decisions, tells leaders and replicas how far this one has
    /// executed, and asks for catch-up if it has been behind for a whole interval.
    private mutating func report(into outbox: inout Outbox<Machine>) {
        progress.reportArmed = false
        if settings.garbageCollection, slotOut - logStart > settings.retainedDecisions {
            let start = slotOut - settings.retainedDecisions
            decisions.removeAll(below: start)
            logStart = start
            outbox.observe(.collected(below: start))
        }
        if settings.garbageCollection, slotOut > progress.reportedToLeaders {
            progress.reportedToLeaders = slotOut
            outbox.send(.executed(slotOut: slotOut), to: leaders)
        }
        if settings.catchUp {
            outbox.send(.executed(slotOut: slotOut), to: peers)
            if let ahead = progress.behind(at: slotOut, window: window) {
                outbox.send(.catchUp(slotOut: slotOut), to: ahead)
            }
        }
        armReport(into: &outbox)
    }

    private mutating func armReport(into outbox: inout Outbox<Machine>) {
        guard settings.reportsExecuted, !progress.reportArmed else { return }
        progress.reportArmed = true
        outbox.setTimer(.executedReport, after: settings.executedReportInterval)
    }

    /// Answers a replica that has executed the slots below `slot` only: the decisions from
    /// there to ``slotOut`` if this one still keeps them, otherwise a snapshot.
    private func sendCatchUp(from slot: Int, to replica: ProcessID, into outbox: inout Outbox<Machine>) {
        guard slot >= logStart else {
            let snapshot = ReplicaSnapshot(
                slotOut: slotOut, state: state, sessions: sessions, leaderEras: leaderHistory,
                reconfigurations: reconfigurations.filter { $0.key >= slotOut - window })
            return outbox.send(.snapshot(snapshot), to: replica)
        }
        for missed in slot..<slotOut {
            outbox.send(.decision(slot: missed, command: decisions[missed]!), to: replica)
        }
    }

    /// Takes `snapshot`'s state and sessions, as if this replica had performed every slot
    /// below its `slotOut`. Its own proposals and requests there are queued again unless
    /// their session shows them executed.
    private mutating func install(_ snapshot: ReplicaSnapshot<Machine>, into outbox: inout Outbox<Machine>) {
        state = snapshot.state
        sessions = snapshot.sessions
        for slot in proposals.keys where slot < snapshot.slotOut {
            requeueDisplaced(proposals.removeValue(forSlot: slot)!)
        }
        requests.removeAll { command in sessions[command.client].map { command.requestID <= $0.requestID } ?? false }
        queued = queued.filter { client, requestID in sessions[client].map { requestID > $0.requestID } ?? true }
        decisions.removeAll(below: snapshot.slotOut)
        slotOut = snapshot.slotOut
        logStart = snapshot.slotOut
        slotOutAtLastCheck = slotOut
        reconfigurations.merge(snapshot.reconfigurations) { _, theirs in theirs }
        leaderHistory = snapshot.leaderEras
        if slotIn < slotOut {
            slotIn = slotOut
            for (slot, configuration) in reconfigurations.sorted(by: { $0.key < $1.key })
            where slot + window <= slotIn && slot + window > leaderHistory.last!.firstSlot {
                leaderHistory.append(.init(firstSlot: slot + window, leaders: configuration.leaders))
            }
        }
        leaders = leaderHistory.last!.leaders
        outbox.observe(.restored(slotOut: slotOut))
        performDecided(into: &outbox)
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
        switch command.body {
        case .noop: return
        case .batch(let commands):
            for command in commands { requeueDisplaced(command) }
            return
        case .operation, .reconfigure: break
        }
        if let session = sessions[command.client], command.requestID <= session.requestID { return }
        displacedProposals += 1
        requests.append(command)
    }

    private mutating func propose(into outbox: inout Outbox<Machine>) {
        while slotIn < slotOut + window, !requests.isEmpty, batchAssembly.isReady(requests, into: &outbox) {
            if slotIn > window, let configuration = reconfigurations[slotIn - window] {
                leaders = configuration.leaders
                leaderHistory.append(.init(firstSlot: slotIn, leaders: configuration.leaders))
            }
            if decisions[slotIn] == nil {
                let command: Command<Machine>
                switch batchAssembly.take(from: &requests) {
                case .single(let request): command = request
                case .batch(let batch): command = issue(.batch(batch))
                }
                proposals[slotIn] = command
                if retransmitTimer.isAdaptive {
                    proposedAt[slotIn] = outbox.now
                    if !retransmitPending {
                        lastProgressAt = outbox.now
                    }
                }
                outbox.send(.propose(slot: slotIn, command: command, retry: false), to: leaders)
            }
            slotIn += 1
        }
        armRetransmit(into: &outbox)
    }

    private mutating func perform(_ command: Command<Machine>, into outbox: inout Outbox<Machine>) {
        defer { slotOut += 1 }
        switch command.body {
        case .noop: return
        case .batch(let commands):
            for command in commands { performClientCommand(command, into: &outbox) }
        case .operation, .reconfigure:
            performClientCommand(command, into: &outbox)
        }
    }

    /// Performs a client's operation or reconfiguration in slot ``slotOut`` unless its
    /// session shows it performed already, and answers the client: always with
    /// ``Settings/broadcastRequests``, otherwise only if the request came to this replica.
    private mutating func performClientCommand(_ command: Command<Machine>, into outbox: inout Outbox<Machine>) {
        let received = queued[command.client] == command.requestID
        if received {
            queued[command.client] = nil
        }
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
        case .noop, .batch:
            return
        }
        sessions[command.client] = Session(requestID: command.requestID, output: output)
        if received || settings.broadcastRequests {
            outbox.send(.response(requestID: command.requestID, output: output), to: command.client)
        }
    }

    /// Queues enough no-ops that, together with waiting requests, every undecided slot before
    /// the one where the reconfiguration decided in `slot` takes effect gets a proposal.
    private mutating func fillWindowWithNoops(reconfigurationSlot slot: Int) {
        let undecided = (max(slotIn, slot + 1)..<slot + window).count { decisions[$0] == nil }
        let missing = undecided - requests.count
        guard missing > 0 else { return }
        for _ in 0..<missing {
            requests.append(issue(.noop))
        }
    }

    /// A command of this replica's own, a no-op or a batch, with the next request id.
    private mutating func issue(_ body: Command<Machine>.Body) -> Command<Machine> {
        commandsIssued += 1
        return Command(client: id, requestID: commandsIssued, body: body)
    }

    private func leaders(forSlot slot: Int) -> [ProcessID] {
        leaderHistory.last { $0.firstSlot <= slot }!.leaders
    }

    /// With adaptive retransmission: since when the replica has been waiting, the later of
    /// ``lastProgressAt`` and the oldest proposal still undecided that went out once. Clients
    /// are closed loops, so in a fault-free run `slot_out` moves in bursts, and measured from
    /// the last burst alone every round's proposals looked late by the time their decisions
    /// came: at latency 1 each was proposed twice, 28 messages a decision instead of 16.
    private var waitingSince: Int {
        max(lastProgressAt, proposedAt.lazy.map(\.value).min() ?? lastProgressAt)
    }

    private mutating func armRetransmit(into outbox: inout Outbox<Machine>) {
        guard !retransmitPending, !proposals.isEmpty || highestDecision > slotOut else { return }
        retransmitPending = true
        // Adaptive: look again when the replica will have waited the timeout, but no
        // later than one undoubled timeout from now, so that progress, which undoes the
        // doubling, is not left waiting behind a timer set while the timeout was doubled.
        let delay = retransmitTimer.isAdaptive
            ? max(1, min(retransmitTimer.estimate, waitingSince + retransmitTimer.timeout - outbox.now))
            : retransmitTimer.timeout
        outbox.setTimer(.proposalRetransmit, after: delay)
    }
}

/// A replica is hashable when its application is, so that a host can tell states apart (the
/// explorer deduplicates states by hashing every process).
extension Replica: Hashable where Machine: Hashable {}

/// A leader (paper figure 7): gets its ballot adopted with a scout, then drives one
/// commander per proposal.
///
/// ```
/// ballot_num := (0, self); active := false; proposals := ∅
/// spawn(Scout(self, acceptors, ballot_num))
/// on ⟨propose, s, c⟩:       if ∄c' : ⟨s, c'⟩ ∈ proposals then proposals := proposals ∪ {⟨s, c⟩}
///                             if active then spawn(Commander(self, acceptors, replicas, ⟨ballot_num, s, c⟩))
/// on ⟨adopted, ballot_num, pvals⟩: proposals := proposals ◁ pmax(pvals)
///                             ∀⟨s, c⟩ ∈ proposals: spawn(Commander(…, ⟨ballot_num, s, c⟩)); active := true
/// on ⟨preempted, ⟨r', λ'⟩⟩:  if (r', λ') > ballot_num then active := false
///                             ballot_num := (r' + 1, self); spawn(Scout(self, acceptors, ballot_num))
/// ```
/// A `preempted` whose ballot is not above `ballot_num` is stale and ignored entirely: the
/// leader stays active (a bug the paper's own code once had was to go passive here).
/// Likewise a second `adopted` for the ballot it already leads with (only a duplicated
/// message could bring one) is ignored rather than spawning every commander again.
///
/// Two additions, each needed once links lose messages or leaders compete:
/// - A `propose` marked `retry` for a slot already proposed spawns a commander again (if
///   active, and if no commander for this ballot and slot still runs), so a decision lost on
///   the way to a replica is sent again. The pvalue is the one already chosen for the slot,
///   so one ballot and slot never carry two commands, and never two live commanders: the host
///   reports each child's exit through ``childExited(_:at:)``.
/// - With ``Settings/failureDetection`` set, a preempted leader pings the leader that
///   preempted it and starts a scout only once that leader stops answering (paper §3; the
///   pinging and counting live in ``FailureDetector``).
///
/// A restart after a crash (``restart(into:)``) is not in the figure either: the leader
/// comes back passive with a higher ballot and a new scout, as on start.
///
/// Three pragmatics, each off in ``Settings/paper(window:)``:
/// - With ``Settings/backoff``, a preempted leader backs off (paper §3, AIMD; see
///   ``LeaderBackoff``): without failure detection it scouts only after its back-off timeout,
///   with it the timeout is how long the watched leader may stay silent.
/// - With ``Settings/adaptiveRetransmission``, the leader times each scout from spawn to
///   `adopted` and each commander from spawn to exit (round trips of phase 1 and phase 2,
///   sampled only if shorter than the child's timeout, so never one the child had to resend:
///   Karn's rule) and gives its scouts and commanders the resulting timeout
///   (``RetransmitTimer``). A single sample sets the timeout to three times the round trip
///   (RFC 6298's first estimate); the commanders' samples bring it down to the round trip's
///   mean and spread, so a lost p2a is sent again sooner.
/// - With ``Settings/garbageCollection`` (paper §4.2; the counting lives in
///   ``ExecutedReports``): once every replica reported `executed` past slot `s`, the leader
///   drops its proposals below `s` and, if active, sends `⟨gc, s⟩` to the acceptors; `adopted`
///   carries the slot below which acceptors dropped everything, and the leader drops its
///   proposals below it as well. It ignores proposals for collected slots, so phase 2 after an
///   election covers only slots not yet collected, however long the history.
public struct Leader<Machine: StateMachine>: Hashable, Sendable {
    public let id: ProcessID
    public let acceptors: [ProcessID]
    public let replicas: [ProcessID]
    /// The ballot this leader is trying to get adopted, or has had adopted when ``active``.
    public private(set) var ballotNumber: Ballot
    /// Whether a majority of acceptors has adopted ``ballotNumber``.
    public private(set) var active = false
    /// The command proposed for each slot.
    public private(set) var proposals: SlotLog<Command<Machine>> = [:]
    /// The leader this one is watching instead of competing with, if any.
    public var monitoring: ProcessID? { detector?.watched }
    /// How many scouts and commanders this leader has spawned.
    public private(set) var childrenSpawned = 0
    /// The commander still running for each slot at ``ballotNumber``.
    public private(set) var runningCommanders: SlotLog<ProcessID> = [:]
    /// ``runningCommanders`` the other way round, by the number in the commander's id: each
    /// running commander's slot, and when it was spawned with what timeout.
    private var commandersByNumber: SlotLog<RunningCommander> = [:]
    /// With garbage collection: every replica has executed the slots below this one, and the
    /// leader has dropped their proposals.
    public private(set) var collectedBelow = 1
    /// Present when ``Settings/garbageCollection`` is set.
    private var reports: ExecutedReports?
    private let index: Int
    /// Present when ``Settings/failureDetection`` is set.
    private var detector: FailureDetector?
    /// Present when ``Settings/backoff`` is set.
    public private(set) var backoff: LeaderBackoff?
    /// The timeout of p1a and p2a its scouts and commanders start with.
    public private(set) var phaseTimer: RetransmitTimer
    /// When the current scout was spawned, and the timeout it was given.
    private var scoutSpawnedAt = 0
    private var scoutTimeout = 0
    /// Numbers each back-off, so that only the latest one's timer starts a scout.
    private var backoffEpoch = 0

    public init(id: ProcessID, acceptors: [ProcessID], replicas: [ProcessID], settings: Settings) {
        guard case .leader(let index) = id else { preconditionFailure("\(id) is not a leader") }
        self.id = id
        self.index = index
        self.acceptors = acceptors
        self.replicas = replicas
        self.ballotNumber = Ballot(round: 0, leader: index)
        self.detector = settings.failureDetection.map { FailureDetector(settings: $0, adaptive: settings.adaptiveRetransmission) }
        self.backoff = settings.backoff.map(LeaderBackoff.init)
        self.phaseTimer = RetransmitTimer(initial: settings.phaseRetransmit, adapting: settings.adaptiveRetransmission)
        self.reports = settings.garbageCollection ? ExecutedReports(replicas: replicas) : nil
    }

    /// How many proposals it keeps.
    public var retainedProposals: Int { proposals.count }

    /// About how many bytes its proposals take (slot and ``Command/approximateBytes`` each).
    public var retainedBytes: Int {
        proposals.values.reduce(0) { $0 + MemoryLayout<Int>.size + $1.approximateBytes }
    }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        spawnScout(into: &outbox)
    }

    /// Comes back after a crash (not in figure 7, whose processes only crash; Docs/Simulation.md,
    /// "Restart"). The host kept this leader's state, but its scouts, commanders and timers
    /// died with it, so it starts over as on start: passive, with a ballot above every ballot
    /// it used, and a scout for it. It stops watching any leader, as its pings' timer is gone.
    public mutating func restart(into outbox: inout Outbox<Machine>) {
        active = false
        ballotNumber = Ballot(round: ballotNumber.round + 1, leader: index)
        runningCommanders.removeAll()
        commandersByNumber.removeAll()
        detector?.stopWatching()
        backoffEpoch += 1
        spawnScout(into: &outbox)
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch message {
        case .propose(let slot, let command, let retry):
            if slot < collectedBelow {
                outbox.observe(.ignored)
            } else if let existing = proposals[slot] {
                if retry && active && runningCommanders[slot] == nil {
                    spawnCommander(slot: slot, command: existing, into: &outbox)
                } else {
                    outbox.observe(.ignored)
                }
            } else {
                proposals[slot] = command
                if active {
                    spawnCommander(slot: slot, command: command, into: &outbox)
                }
            }
        case .adopted(let ballot, let pvalues, let acceptorsCollectedBelow):
            guard ballot == ballotNumber, !active else { return outbox.observe(.ignored) }
            if acceptorsCollectedBelow > collectedBelow {
                collect(below: acceptorsCollectedBelow, into: &outbox)
            }
            let adoptedProposals = pmax(pvalues)
            for slot in adoptedProposals.keys.sorted() where slot >= collectedBelow {
                proposals[slot] = adoptedProposals[slot]
            }
            for (slot, command) in proposals {
                spawnCommander(slot: slot, command: command, into: &outbox)
            }
            active = true
            outbox.observe(.adopted(ballot))
            backoff?.adopted()
            if outbox.now - scoutSpawnedAt < scoutTimeout {
                phaseTimer.sample(outbox.now - scoutSpawnedAt)
            }
        case .preempted(let ballot):
            guard ballot > ballotNumber else { return outbox.observe(.ignored) }
            outbox.observe(.preempted(by: ballot))
            active = false
            ballotNumber = Ballot(round: ballot.round + 1, leader: index)
            runningCommanders.removeAll()
            commandersByNumber.removeAll()
            backoff?.preempted()
            if detector != nil {
                detector!.watch(.leader(ballot.leader), patience: backoff?.timeout, into: &outbox)
            } else if let backoff {
                backoffEpoch += 1
                outbox.setTimer(.backoff(epoch: backoffEpoch), after: backoff.timeout)
            } else {
                spawnScout(into: &outbox)
            }
        case .ping:
            if monitoring == nil {
                outbox.send(.pong, to: sender)
            } else {
                outbox.observe(.ignored)
            }
        case .pong:
            if detector?.pong(from: sender, at: outbox.now) != true {
                outbox.observe(.ignored)
            }
        case .executed(let slotOut):
            guard reports?.record(slotOut, from: sender) == true else { return outbox.observe(.ignored) }
            let executed = reports!.executedEverywhere
            if executed > collectedBelow {
                collect(below: executed, into: &outbox)
                if active {
                    outbox.send(.collect(below: executed), to: acceptors)
                }
            }
        case .request, .response, .decision, .p1a, .p1b, .p2a, .p2b, .collect, .catchUp, .snapshot:
            outbox.observe(.ignored)
        }
    }

    /// Drops the proposals of the slots below `below`.
    private mutating func collect(below: Int, into outbox: inout Outbox<Machine>) {
        collectedBelow = below
        proposals.removeAll(below: below)
        outbox.observe(.collected(below: below))
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        switch timer {
        case .leaderCheck(let epoch):
            if detector?.check(epoch: epoch, into: &outbox) == true {
                spawnScout(into: &outbox)
            }
        case .backoff(let epoch):
            if epoch == backoffEpoch, !active {
                spawnScout(into: &outbox)
            }
        case .requestRetransmit, .proposalRetransmit, .phaseRetransmit, .executedReport, .missingDecision, .batchFlush:
            return
        }
    }

    /// Forgets `child` if it is the commander running for its slot, and takes the time from
    /// its spawn to `time` as a round trip of phase 2 unless it had to send p2a again.
    public mutating func childExited(_ child: ProcessID, at time: Int) {
        guard case .commander(index, let number) = child, let running = commandersByNumber.removeValue(forSlot: number)
        else { return }
        runningCommanders[running.slot] = nil
        if time - running.spawnedAt < running.timeout {
            phaseTimer.sample(time - running.spawnedAt)
        }
    }

    private mutating func nextChildNumber() -> Int {
        childrenSpawned += 1
        return childrenSpawned
    }

    private mutating func spawnScout(into outbox: inout Outbox<Machine>) {
        scoutSpawnedAt = outbox.now
        scoutTimeout = phaseTimer.timeout
        outbox.spawn(.scout(Scout(
            id: .scout(leader: index, number: nextChildNumber()), leader: id,
            acceptors: acceptors, ballot: ballotNumber, timer: phaseTimer)))
    }

    private mutating func spawnCommander(slot: Int, command: Command<Machine>, into outbox: inout Outbox<Machine>) {
        let number = nextChildNumber()
        let child = ProcessID.commander(leader: index, number: number)
        runningCommanders[slot] = child
        commandersByNumber[number] = RunningCommander(slot: slot, spawnedAt: outbox.now, timeout: phaseTimer.timeout)
        outbox.spawn(.commander(Commander(
            id: child, leader: id,
            acceptors: acceptors, replicas: replicas,
            pvalue: PValue(ballot: ballotNumber, slot: slot, command: command), timer: phaseTimer)))
    }
}

/// A commander a leader has spawned and not yet seen exit.
struct RunningCommander: Hashable, Sendable {
    let slot: Int
    let spawnedAt: Int
    /// The p2a timeout it was spawned with: a commander that ran longer sent p2a again.
    let timeout: Int
}

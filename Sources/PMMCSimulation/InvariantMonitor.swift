import PMMC

/// Checks the paper's invariants incrementally: after each event the simulator hands the
/// monitor the process the event touched, and the monitor compares it with what it remembered
/// of that process (a few numbers, never a copy of the role) and updates its global view. The
/// cost per event is proportional to what the event changed.
///
/// It stays bounded on a long run: once every replica has executed past a slot, the monitor
/// forgets what it knew of that slot (``horizon``) and checks nothing more about it.
/// Acceptances are read from the acceptor's `accepted` observations, not from its `accepted`
/// list, which state reduction rewrites and garbage collection shortens.
struct InvariantMonitor<Machine: StateMachine> {
    /// What the monitor remembers of a process between two of its events.
    private enum Memory {
        case replica(slotIn: Int, slotOut: Int)
        case acceptor(ballot: Ballot, acceptedCount: Int)
        /// Nothing yet: the process is as it was created.
        case fresh
    }

    /// What the monitor knows of one ballot in one slot.
    private struct BallotRecord {
        let ballot: Ballot
        /// The command acceptors accepted at this ballot, and the first acceptor that did (A4).
        var accepted: (command: Command<Machine>, by: ProcessID)?
        /// How many acceptors accepted it.
        var acceptCount = 0
        /// The command of the first commander spawned for this ballot and slot (C1).
        var commander: (command: Command<Machine>, by: ProcessID)?
    }

    /// What the monitor knows of one slot. Slots are dense from 1, so these live in an array
    /// indexed by slot, and the few ballots a slot sees in a short list: no hashing.
    private struct SlotRecord {
        /// The command replicas decided, and the first replica that did (R1).
        var decided: (command: Command<Machine>, by: ProcessID)?
        /// The lowest ballot at which a majority accepted, with its command (A5).
        var chosen: (ballot: Ballot, command: Command<Machine>)?
        var ballots: [BallotRecord] = []

        /// The index in ``ballots`` of `ballot`, added if new.
        mutating func index(of ballot: Ballot) -> Int {
            if let index = ballots.firstIndex(where: { $0.ballot == ballot }) { return index }
            ballots.append(BallotRecord(ballot: ballot))
            return ballots.count - 1
        }
    }

    /// A replica's state rebuilt from its decisions, for R3.
    private struct Shadow {
        var state = Machine()
        /// The last request id performed for each client.
        var lastRequest = ClientMap<Int>()
        /// Slots performed since R3 last compared the whole state.
        var slotsSinceWholeCompare = 0
    }

    private let window: Int
    /// For each leader index: how many acceptors make a majority in its configuration.
    private var majorities: [Int] = []
    /// By slot, from ``horizon`` on: `slots[i]` is slot `horizon + i`.
    private var slots: [SlotRecord] = []
    /// Every replica has executed the slots below this one; the monitor no longer checks them.
    private(set) var horizon = 0
    /// How many slots every replica must be past ``horizon`` before the monitor forgets them.
    private static var forgetStep: Int { 4_096 }
    /// By the slot of the simulator's process table.
    private var memory: [Memory] = []
    /// How many times ``check(_:id:tableSlot:delivered:observations:)`` checked a replica or
    /// an acceptor.
    private(set) var checks = 0
    /// The shadow of the replica in each slot of the simulator's process table.
    private var shadows: [Shadow?] = []
    /// How many slots a replica performs between two comparisons of its whole state with its
    /// shadow (R3); in between, the comparison covers what the performed commands touched.
    static var wholeCompareInterval: Int { 64 }
    /// The operations of the commands a replica just performed, for R3; kept to reuse its storage.
    private var performedOperations: [Machine.Operation] = []

    init(window: Int) {
        self.window = window
    }

    /// Registers the acceptors of leader `leader`'s configuration.
    mutating func register(leader: Int, acceptorCount: Int) {
        if leader >= majorities.count {
            majorities.append(contentsOf: repeatElement(0, count: leader + 1 - majorities.count))
        }
        majorities[leader] = acceptorCount / 2 + 1
    }

    /// Forgets what it remembered of the process in table slot `tableSlot`: a new process
    /// took the slot, and starts as created.
    mutating func forget(tableSlot: Int) {
        if tableSlot < memory.count {
            memory[tableSlot] = .fresh
            shadows[tableSlot] = nil
        }
    }

    /// Makes room in ``memory`` and ``shadows`` for table slot `tableSlot`.
    private mutating func growMemory(to tableSlot: Int) {
        guard tableSlot >= memory.count else { return }
        memory.append(contentsOf: repeatElement(.fresh, count: tableSlot + 1 - memory.count))
        shadows.append(contentsOf: repeatElement(nil, count: tableSlot + 1 - shadows.count))
    }

    /// How many acceptors make a majority for leader `leader`, if it is registered.
    private func majority(of leader: Int) -> Int? {
        majorities.indices.contains(leader) && majorities[leader] > 0 ? majorities[leader] : nil
    }

    /// The index in ``slots`` of the record of `slot`, created if new; `nil` below ``horizon``.
    private mutating func record(_ slot: Int) -> Int? {
        guard slot >= horizon else { return nil }
        let index = slot - horizon
        if index >= slots.count {
            slots.append(contentsOf: repeatElement(SlotRecord(), count: max(index + 1 - slots.count, slots.count)))
        }
        return index
    }

    /// Forgets the slots every replica has executed, once there are ``forgetStep`` of them.
    private mutating func advanceHorizon(past slotOut: Int) {
        guard slotOut - horizon > 2 * Self.forgetStep else { return }
        var lowest = slotOut
        for case .replica(_, let replicaSlotOut) in memory { lowest = min(lowest, replicaSlotOut) }
        guard lowest - horizon > Self.forgetStep, lowest - horizon <= slots.count else { return }
        slots.removeFirst(lowest - horizon)
        horizon = lowest
    }

    /// Checks `process` (named `id`), in table slot `tableSlot`, after it handled an event;
    /// `message` is what it was delivered, if any, and `observations` what the process
    /// reported. A replica, an acceptor or a custom process is checked (and counted in
    /// ``checks``); any other process is left alone. For the explorer, which keeps its
    /// processes as `Role`s; the simulator calls the check of each kind itself (`RoleTable`).
    ///
    /// `process` is `inout` only so that the check can move the role out and back instead of
    /// copying it (a copy retains every one of a replica's dictionaries and arrays, and
    /// releases them again); it is not changed.
    mutating func check(
        _ process: inout Role<Machine>, id: ProcessID, tableSlot: Int, delivered message: Message<Machine>?,
        observations: [Observation<Machine>]
    ) -> (Invariant, [ProcessID], String)? {
        switch consume process {
        case .replica(var replica):
            let violation = check(replica: &replica, id: id, tableSlot: tableSlot, delivered: message, observations: observations)
            process = .replica(replica)
            return violation
        case .acceptor(var acceptor):
            let violation = check(acceptor: &acceptor, id: id, tableSlot: tableSlot, observations: observations)
            process = .acceptor(acceptor)
            return violation
        case .custom(let custom):
            let violation = check(custom: custom, id: id, tableSlot: tableSlot, observations: observations)
            process = .custom(custom)
            return violation
        case let other:
            process = other
            return nil
        }
    }

    /// Checks custom process `id`, in table slot `tableSlot`, after it handled an event: A1–A5
    /// if it plays an acceptor (``CustomRole/acceptorState``; it must report its `accepted`
    /// observations too). Counts the check either way. A custom process cannot stand in for a
    /// replica.
    mutating func check(
        custom: any CustomRole<Machine>, id: ProcessID, tableSlot: Int, observations: [Observation<Machine>]
    ) -> (Invariant, [ProcessID], String)? {
        growMemory(to: tableSlot)
        checks += 1
        return custom.acceptorState.flatMap { check(id, $0, tableSlot: tableSlot, observations: observations) }
    }

    /// Checks acceptor `id`, in table slot `tableSlot`, after it handled an event (A1–A5),
    /// and counts the check. `acceptor` is `inout` only so that it is read where it lives, not
    /// copied; it is not changed.
    mutating func check(
        acceptor: inout Acceptor<Machine>, id: ProcessID, tableSlot: Int, observations: [Observation<Machine>]
    ) -> (Invariant, [ProcessID], String)? {
        growMemory(to: tableSlot)
        checks += 1
        return check(id, (acceptor.ballotNumber, acceptor.accepted), tableSlot: tableSlot, observations: observations)
    }

    /// Checks replica `id`, in table slot `tableSlot`, after it handled an event: R1, R4 and
    /// R5, and R2 and R3 when its `slot_out` moved. Counts the check. `replica` is `inout`
    /// only so that it is read where it lives, not copied; it is not changed.
    mutating func check(
        replica: inout Replica<Machine>, id: ProcessID, tableSlot: Int, delivered message: Message<Machine>?,
        observations: [Observation<Machine>]
    ) -> (Invariant, [ProcessID], String)? {
        growMemory(to: tableSlot)
        checks += 1
        let (slotIn, slotOut) = (replica.slotIn, replica.slotOut)
        var before = (slotIn: 1, slotOut: 1)
        if case .replica(let lastIn, let lastOut) = memory[tableSlot] { before = (lastIn, lastOut) }
        memory[tableSlot] = .replica(slotIn: slotIn, slotOut: slotOut)
        if let violation = checkReplica(id, slotIn: slotIn, slotOut: slotOut, slotOutBefore: before.slotOut, delivered: message) {
            return violation
        }
        guard slotOut > before.slotOut else { return nil }
        advanceHorizon(past: slotOut)
        if shadows[tableSlot] == nil { shadows[tableSlot] = Shadow() }
        if observations.contains(where: { if case .restored = $0 { true } else { false } }) {
            shadows[tableSlot]!.state = replica.state
            shadows[tableSlot]!.lastRequest = replica.sessions.mapValues(\.requestID)
            return nil
        }
        return Self.updateShadow(&shadows[tableSlot]!, of: id, state: replica.state, slots: before.slotOut..<slotOut,
                                 observations: observations, operations: &performedOperations)
    }

    /// A1, A2, A3 and A4 on an acceptor (or a custom process that plays one).
    private mutating func check(
        _ id: ProcessID, _ acceptor: (ballotNumber: Ballot, accepted: [PValue<Machine>]), tableSlot: Int,
        observations: [Observation<Machine>]
    ) -> (Invariant, [ProcessID], String)? {
        var (ballot, count) = (Ballot.bottom, 0)
        if case .acceptor(let lastBallot, let lastCount) = memory[tableSlot] { (ballot, count) = (lastBallot, lastCount) }
        memory[tableSlot] = .acceptor(ballot: acceptor.ballotNumber, acceptedCount: acceptor.accepted.count)
        return checkAcceptor(id, acceptor, ballotBefore: ballot, countBefore: count, observations: observations)
    }

    /// C1, checked when a leader spawns a commander.
    mutating func checkSpawn(of commander: Commander<Machine>) -> (Invariant, [ProcessID], String)? {
        let pvalue = commander.pvalue
        guard let slot = record(pvalue.slot) else { return nil }
        let index = slots[slot].index(of: pvalue.ballot)
        guard let earlier = slots[slot].ballots[index].commander else {
            slots[slot].ballots[index].commander = (pvalue.command, commander.id)
            return nil
        }
        guard earlier.command == pvalue.command else {
            return (.c1, [commander.id, earlier.by],
                    "ballot \(pvalue.ballot), slot \(pvalue.slot) carries \(earlier.command) and \(pvalue.command)")
        }
        return nil
    }

    /// R1 on a delivered decision, R4 and R5.
    private mutating func checkReplica(
        _ id: ProcessID, slotIn: Int, slotOut: Int, slotOutBefore: Int, delivered message: Message<Machine>?
    ) -> (Invariant, [ProcessID], String)? {
        if case .decision(let decidedSlot, let command)? = message, let slot = record(decidedSlot) {
            if let earlier = slots[slot].decided {
                if earlier.command != command {
                    return (.r1, [id, earlier.by], "slot \(decidedSlot) decided as \(earlier.command) and as \(command)")
                }
            } else {
                slots[slot].decided = (command, id)
            }
        }
        if slotOut < slotOutBefore {
            return (.r4, [id], "slot_out went from \(slotOutBefore) to \(slotOut)")
        }
        if slotIn > slotOut + window {
            return (.r5, [id], "slot_in \(slotIn) beyond slot_out \(slotOut) + WINDOW \(window)")
        }
        return nil
    }

    /// Applies the commands the replica reports it performed in `performed` (its `slot_out`
    /// moved past them) to its shadow, in place. R2: each of those slots was performed from a
    /// decision, in order. R3: the shadow's state equals the replica's.
    ///
    /// R3 compares the whole state once every ``wholeCompareInterval`` slots; in between it
    /// asks the machine to compare what the reported commands touched
    /// (`StateMachine.isEqual(to:sinceApplying:)`), so that the check costs what the slots
    /// changed, not the size of the state. The two were equal at the last check, and a replica
    /// changes its state only by performing the commands it reports, so nothing else can
    /// differ. A replica that changed its state without reporting it would be caught at the
    /// next whole comparison, unless a later command put the same value back first.
    ///
    /// (A replica that installed a snapshot in catch-up did not perform the slots below the
    /// snapshot's `slot_out`: the caller makes its shadow its new state, unchecked, and R2 and
    /// R3 are checked again from its next event on. The snapshot came from a replica whose own
    /// state passed R3 when it reached that slot.)
    private static func updateShadow(
        _ shadow: inout Shadow, of replica: ProcessID, state: borrowing Machine, slots performed: Range<Int>,
        observations: [Observation<Machine>], operations: inout [Machine.Operation]
    ) -> (Invariant, [ProcessID], String)? {
        operations.removeAll(keepingCapacity: true)
        var next = performed.lowerBound
        for case .applied(let slot, let command) in observations {
            guard slot == next else {
                return (.r2, [replica], "slot \(next) is below slot_out \(performed.upperBound) but was not performed from a decision")
            }
            next += 1
            for command in command.unbatched {
                let isNew = shadow.lastRequest[command.client].map { command.requestID > $0 } ?? true
                switch command.body {
                case .operation(let operation):
                    // Even a duplicate, which the shadow skips: the replica might have applied it.
                    operations.append(operation)
                    guard isNew else { continue }
                    _ = shadow.state.apply(operation)
                    shadow.lastRequest[command.client] = command.requestID
                case .reconfigure:
                    if isNew { shadow.lastRequest[command.client] = command.requestID }
                case .noop, .batch:
                    continue
                }
            }
        }
        guard next == performed.upperBound else {
            return (.r2, [replica], "slot \(next) is below slot_out \(performed.upperBound) but was not performed from a decision")
        }
        shadow.slotsSinceWholeCompare += performed.count
        let equal: Bool
        if shadow.slotsSinceWholeCompare >= wholeCompareInterval {
            shadow.slotsSinceWholeCompare = 0
            equal = shadow.state == state
        } else {
            equal = shadow.state.isEqual(to: state, sinceApplying: operations)
        }
        guard equal else {
            return (.r3, [replica], "state differs from decisions 1..<\(performed.upperBound) applied in order")
        }
        return nil
    }

    /// A1 on the acceptor's ballot; A3 on the size of its `accepted` list, which may shrink
    /// only when it reports `collected`; A2, A4 and A5 on each pvalue it reports `accepted`.
    private mutating func checkAcceptor(
        _ id: ProcessID, _ acceptor: (ballotNumber: Ballot, accepted: [PValue<Machine>]),
        ballotBefore: Ballot, countBefore: Int, observations: [Observation<Machine>]
    ) -> (Invariant, [ProcessID], String)? {
        if acceptor.ballotNumber < ballotBefore {
            return (.a1, [id], "ballot went from \(ballotBefore) down to \(acceptor.ballotNumber)")
        }
        if acceptor.accepted.count < countBefore, !observations.contains(where: { if case .collected = $0 { true } else { false } }) {
            return (.a3, [id], "accepted shrank from \(countBefore) to \(acceptor.accepted.count) pvalues")
        }
        for case .accepted(let pvalue) in observations {
            if pvalue.ballot != acceptor.ballotNumber {
                return (.a2, [id], "accepted \(pvalue) while at ballot \(acceptor.ballotNumber)")
            }
            if let violation = recordAccept(pvalue, by: id) { return violation }
        }
        return nil
    }

    private mutating func recordAccept(_ pvalue: PValue<Machine>, by id: ProcessID) -> (Invariant, [ProcessID], String)? {
        guard let slot = record(pvalue.slot) else { return nil }
        let index = slots[slot].index(of: pvalue.ballot)
        if let earlier = slots[slot].ballots[index].accepted {
            if earlier.command != pvalue.command {
                return (.a4, [id, earlier.by], "ballot \(pvalue.ballot), slot \(pvalue.slot) accepted as \(earlier.command) and \(pvalue.command)")
            }
        } else {
            slots[slot].ballots[index].accepted = (pvalue.command, id)
        }
        if let winner = slots[slot].chosen, winner.ballot < pvalue.ballot, winner.command != pvalue.command {
            return (.a5, [id], "\(winner.command) was chosen in slot \(pvalue.slot) at \(winner.ballot), then \(pvalue) accepted")
        }
        slots[slot].ballots[index].acceptCount += 1
        guard slots[slot].ballots[index].acceptCount == majority(of: pvalue.ballot.leader),
              slots[slot].chosen.map({ pvalue.ballot < $0.ballot }) ?? true
        else { return nil }
        slots[slot].chosen = (pvalue.ballot, pvalue.command)
        if let later = slots[slot].ballots.first(where: { $0.ballot > pvalue.ballot && $0.accepted.map { $0.command != pvalue.command } ?? false }),
           let accepted = later.accepted {
            return (.a5, [accepted.by], "\(pvalue.command) was chosen in slot \(pvalue.slot) at \(pvalue.ballot), but \(accepted.by) accepted \(accepted.command) at \(later.ballot)")
        }
        return nil
    }
}

import PMMC

/// Checks the paper's invariants incrementally: after each event the simulator hands the
/// monitor the process the event touched, and the monitor compares it with what it remembered
/// of that process (a few numbers, never a copy of the role) and updates its global view. The
/// cost per event is proportional to what the event changed.
struct InvariantMonitor<Machine: StateMachine> {
    /// What the monitor remembers of a process between two of its events.
    private enum Memory {
        case replica(slotIn: Int, slotOut: Int)
        case acceptor(ballot: Ballot, acceptedCount: Int)
        /// Nothing yet: the process is as it was created.
        case fresh
    }

    private struct BallotSlot: Hashable {
        let ballot: Ballot
        let slot: Int
    }

    /// A replica's state rebuilt from its decisions, for R3.
    private struct Shadow {
        var state = Machine()
        var lastRequest: [ProcessID: Int] = [:]
    }

    private let window: Int
    /// For each leader index: how many acceptors make a majority in its configuration.
    private var majorities: [Int: Int] = [:]
    private var decided: [Int: (command: Command<Machine>, by: ProcessID)] = [:]
    private var acceptedCommand: [BallotSlot: (command: Command<Machine>, by: ProcessID)] = [:]
    private var acceptCount: [BallotSlot: Int] = [:]
    private var acceptedAtSlot: [Int: [(ballot: Ballot, command: Command<Machine>, by: ProcessID)]] = [:]
    private var chosen: [Int: (ballot: Ballot, command: Command<Machine>)] = [:]
    private var commanders: [BallotSlot: (command: Command<Machine>, by: ProcessID)] = [:]
    private var shadows: [ProcessID: Shadow] = [:]
    /// By the slot of the simulator's process table.
    private var memory: [Memory] = []

    init(window: Int) {
        self.window = window
    }

    /// Registers the acceptors of leader `leader`'s configuration.
    mutating func register(leader: Int, acceptorCount: Int) {
        majorities[leader] = acceptorCount / 2 + 1
    }

    /// Forgets what it remembered of the process in table slot `tableSlot`: a new process
    /// took the slot, and starts as created.
    mutating func forget(tableSlot: Int) {
        if tableSlot < memory.count { memory[tableSlot] = .fresh }
    }

    /// Checks `process`, in table slot `tableSlot`, after it handled an event; `message` is
    /// what it was delivered, if any.
    mutating func check(
        _ process: Role<Machine>, tableSlot: Int, delivered message: Message<Machine>?
    ) -> (Invariant, [ProcessID], String)? {
        if tableSlot >= memory.count {
            memory.append(contentsOf: repeatElement(.fresh, count: tableSlot + 1 - memory.count))
        }
        if case .replica(let replica) = process {
            var (slotIn, slotOut) = (1, 1)
            if case .replica(let lastIn, let lastOut) = memory[tableSlot] { (slotIn, slotOut) = (lastIn, lastOut) }
            memory[tableSlot] = .replica(slotIn: replica.slotIn, slotOut: replica.slotOut)
            return checkReplica(replica, slotInBefore: slotIn, slotOutBefore: slotOut, delivered: message)
        }
        guard let acceptor = process.acceptorState else { return nil }
        var (ballot, count) = (Ballot.bottom, 0)
        if case .acceptor(let lastBallot, let lastCount) = memory[tableSlot] { (ballot, count) = (lastBallot, lastCount) }
        memory[tableSlot] = .acceptor(ballot: acceptor.ballotNumber, acceptedCount: acceptor.accepted.count)
        return checkAcceptor(process.id, acceptor, ballotBefore: ballot, countBefore: count)
    }

    /// C1, checked when a leader spawns a commander.
    mutating func checkSpawn(of commander: Commander<Machine>) -> (Invariant, [ProcessID], String)? {
        let key = BallotSlot(ballot: commander.pvalue.ballot, slot: commander.pvalue.slot)
        if let earlier = commanders[key] {
            guard earlier.command == commander.pvalue.command else {
                return (.c1, [commander.id, earlier.by],
                        "ballot \(key.ballot), slot \(key.slot) carries \(earlier.command) and \(commander.pvalue.command)")
            }
        } else {
            commanders[key] = (commander.pvalue.command, commander.id)
        }
        return nil
    }

    private mutating func checkReplica(
        _ replica: Replica<Machine>, slotInBefore: Int, slotOutBefore: Int, delivered message: Message<Machine>?
    ) -> (Invariant, [ProcessID], String)? {
        if case .decision(let slot, let command)? = message {
            if let earlier = decided[slot] {
                if earlier.command != command {
                    return (.r1, [replica.id, earlier.by], "slot \(slot) decided as \(earlier.command) and as \(command)")
                }
            } else {
                decided[slot] = (command, replica.id)
            }
        }
        if replica.slotOut < slotOutBefore {
            return (.r4, [replica.id], "slot_out went from \(slotOutBefore) to \(replica.slotOut)")
        }
        if replica.slotIn > replica.slotOut + window {
            return (.r5, [replica.id], "slot_in \(replica.slotIn) beyond slot_out \(replica.slotOut) + WINDOW \(window)")
        }
        guard replica.slotOut > slotOutBefore else { return nil }
        var shadow = shadows[replica.id] ?? Shadow()
        for slot in slotOutBefore..<replica.slotOut {
            guard let command = replica.decisions[slot] else {
                return (.r2, [replica.id], "slot \(slot) is below slot_out \(replica.slotOut) but undecided")
            }
            if case .operation(let operation) = command.body,
               shadow.lastRequest[command.client].map({ command.requestID > $0 }) ?? true {
                _ = shadow.state.apply(operation)
                shadow.lastRequest[command.client] = command.requestID
            } else if case .reconfigure = command.body,
                      shadow.lastRequest[command.client].map({ command.requestID > $0 }) ?? true {
                shadow.lastRequest[command.client] = command.requestID
            }
        }
        shadows[replica.id] = shadow
        if shadow.state != replica.state {
            return (.r3, [replica.id], "state differs from decisions 1..<\(replica.slotOut) applied in order")
        }
        return nil
    }

    private mutating func checkAcceptor(
        _ id: ProcessID, _ acceptor: (ballotNumber: Ballot, accepted: [PValue<Machine>]),
        ballotBefore: Ballot, countBefore: Int
    ) -> (Invariant, [ProcessID], String)? {
        if acceptor.ballotNumber < ballotBefore {
            return (.a1, [id], "ballot went from \(ballotBefore) down to \(acceptor.ballotNumber)")
        }
        if acceptor.accepted.count < countBefore {
            return (.a3, [id], "accepted shrank from \(countBefore) to \(acceptor.accepted.count) pvalues")
        }
        for pvalue in acceptor.accepted[countBefore...] {
            if pvalue.ballot != acceptor.ballotNumber {
                return (.a2, [id], "accepted \(pvalue) while at ballot \(acceptor.ballotNumber)")
            }
            if let violation = recordAccept(pvalue, by: id) { return violation }
        }
        return nil
    }

    private mutating func recordAccept(_ pvalue: PValue<Machine>, by id: ProcessID) -> (Invariant, [ProcessID], String)? {
        let key = BallotSlot(ballot: pvalue.ballot, slot: pvalue.slot)
        if let earlier = acceptedCommand[key], earlier.command != pvalue.command {
            return (.a4, [id, earlier.by], "ballot \(key.ballot), slot \(key.slot) accepted as \(earlier.command) and \(pvalue.command)")
        }
        acceptedCommand[key] = (pvalue.command, id)
        if let winner = chosen[pvalue.slot], winner.ballot < pvalue.ballot, winner.command != pvalue.command {
            return (.a5, [id], "\(winner.command) was chosen in slot \(pvalue.slot) at \(winner.ballot), then \(pvalue) accepted")
        }
        acceptedAtSlot[pvalue.slot, default: []].append((pvalue.ballot, pvalue.command, id))
        acceptCount[key, default: 0] += 1
        guard acceptCount[key] == majorities[pvalue.ballot.leader],
              chosen[pvalue.slot].map({ pvalue.ballot < $0.ballot }) ?? true
        else { return nil }
        chosen[pvalue.slot] = (pvalue.ballot, pvalue.command)
        if let later = acceptedAtSlot[pvalue.slot]?.first(where: { $0.ballot > pvalue.ballot && $0.command != pvalue.command }) {
            return (.a5, [later.by], "\(pvalue.command) was chosen in slot \(pvalue.slot) at \(pvalue.ballot), but \(later.by) accepted \(later.command) at \(later.ballot)")
        }
        return nil
    }
}

import PMMC

/// A replica that does not propose again a command of its own that lost its slot to another
/// (figure 1: `if c'' ≠ c' then requests := requests ∪ {c''}`). Decorates the real
/// ``Replica``: it remembers what it proposed for each slot, and once a decision displaces
/// one of its commands, it holds back every later proposal of that command.
public struct NoReproposalReplica<Machine: StateMachine & Hashable>: CustomRole, Hashable {
    public private(set) var replica: Replica<Machine>
    /// The command this replica proposed for each slot not yet decided.
    private var proposed: [Int: Command<Machine>] = [:]
    /// Commands of this replica that a decision displaced.
    public private(set) var displaced: Set<Command<Machine>> = []

    public init(_ replica: Replica<Machine>) {
        self.replica = replica
    }

    public var id: ProcessID { replica.id }
    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { nil }

    public mutating func start(into outbox: inout Outbox<Machine>) {}

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        if case .decision(let slot, let command) = message, let mine = proposed.removeValue(forKey: slot), mine != command {
            displaced.insert(mine)
        }
        var inner = Outbox<Machine>()
        inner.now = outbox.now
        replica.receive(message, from: sender, into: &inner)
        forward(inner, into: &outbox)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        inner.now = outbox.now
        replica.timerFired(timer, into: &inner)
        forward(inner, into: &outbox)
    }

    public mutating func restart(into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        inner.now = outbox.now
        replica.restart(into: &inner)
        forward(inner, into: &outbox)
    }

    private mutating func forward(_ inner: Outbox<Machine>, into outbox: inout Outbox<Machine>) {
        for effect in inner.effects {
            if case .send(.propose(let slot, let command, _), _) = effect {
                guard !displaced.contains(command) else { continue }
                proposed[slot] = command
            }
            outbox.forward(effect)
        }
        for observation in inner.observations {
            outbox.observe(observation)
        }
    }
}

/// Any process of the protocol in the role it plays, as hosts store and drive it.
///
/// Named `Role`, not `Process`, so that it never collides with `Foundation.Process` in a file
/// that imports both.
///
/// The simulator and the runtime hold one `Role` per live process and call ``start(into:)``
/// once, then ``receive(_:from:into:)`` per delivered message and ``timerFired(_:into:)`` per
/// timer, carrying out the effects each call leaves in the outbox.
public enum Role<Machine: StateMachine>: Equatable, Sendable {
    case client(Client<Machine>)
    case replica(Replica<Machine>)
    case leader(Leader<Machine>)
    case acceptor(Acceptor<Machine>)
    case scout(Scout<Machine>)
    case commander(Commander<Machine>)
    /// A process with behaviour of its own (a test's faulty acceptor, say).
    case custom(any CustomRole<Machine>)

    public var id: ProcessID {
        switch self {
        case .client(let process): process.id
        case .replica(let process): process.id
        case .leader(let process): process.id
        case .acceptor(let process): process.id
        case .scout(let process): process.id
        case .commander(let process): process.id
        case .custom(let process): process.id
        }
    }

    /// Runs the process's start-up actions: a leader spawns its first scout, a scout or
    /// commander sends phase 1a or 2a. Others do nothing.
    public mutating func start(into outbox: inout Outbox<Machine>) {
        switch consume self {
        case .leader(var leader): leader.start(into: &outbox); self = .leader(leader)
        case .scout(var scout): scout.start(into: &outbox); self = .scout(scout)
        case .commander(var commander): commander.start(into: &outbox); self = .commander(commander)
        case .custom(var custom): custom.start(into: &outbox); self = .custom(custom)
        case let other: self = other
        }
    }

    /// Brings the process back after a crash, with the state it had (the paper's stable
    /// storage; Docs/Simulation.md, "Restart"): a leader starts over passive with a higher
    /// ballot and a new scout, a replica or client sets its timers again, and an acceptor,
    /// which sets no timers, carries on as it was. Scouts and commanders never restart: they
    /// die with their leader. Hosts call it once the process's timers and children are gone.
    public mutating func restart(into outbox: inout Outbox<Machine>) {
        switch consume self {
        case .client(var client): client.restart(into: &outbox); self = .client(client)
        case .replica(var replica): replica.restart(into: &outbox); self = .replica(replica)
        case .leader(var leader): leader.restart(into: &outbox); self = .leader(leader)
        case .custom(var custom): custom.restart(into: &outbox); self = .custom(custom)
        case let other: self = other
        }
    }

    /// Handles a message from `sender`.
    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch consume self {
        case .client(var client): client.receive(message, from: sender, into: &outbox); self = .client(client)
        case .replica(var replica): replica.receive(message, from: sender, into: &outbox); self = .replica(replica)
        case .leader(var leader): leader.receive(message, from: sender, into: &outbox); self = .leader(leader)
        case .acceptor(var acceptor): acceptor.receive(message, from: sender, into: &outbox); self = .acceptor(acceptor)
        case .scout(var scout): scout.receive(message, from: sender, into: &outbox); self = .scout(scout)
        case .commander(var commander): commander.receive(message, from: sender, into: &outbox); self = .commander(commander)
        case .custom(var custom): custom.receive(message, from: sender, into: &outbox); self = .custom(custom)
        }
    }

    /// Handles a timer this process set earlier.
    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        switch consume self {
        case .client(var client): client.timerFired(timer, into: &outbox); self = .client(client)
        case .replica(var replica): replica.timerFired(timer, into: &outbox); self = .replica(replica)
        case .leader(var leader): leader.timerFired(timer, into: &outbox); self = .leader(leader)
        case .scout(var scout): scout.timerFired(timer, into: &outbox); self = .scout(scout)
        case .commander(var commander): commander.timerFired(timer, into: &outbox); self = .commander(commander)
        case .custom(var custom): custom.timerFired(timer, into: &outbox); self = .custom(custom)
        case let other: self = other
        }
    }

    /// Tells a leader that its scout or commander `child` has exited at `time` (the host's
    /// clock, as ``Outbox/now``), so that it knows which commanders still run and how long
    /// phase 2 took. Hosts call it when a child's ``Effect/exit`` is carried out. It has no
    /// effects.
    public mutating func childExited(_ child: ProcessID, at time: Int) {
        switch consume self {
        case .leader(var leader): leader.childExited(child, at: time); self = .leader(leader)
        case .custom(var custom): custom.childExited(child, at: time); self = .custom(custom)
        case let other: self = other
        }
    }

    /// Whether two processes are the same role in the same state. A custom process decides
    /// for itself (``CustomRole/isSameState(as:)``): by default it equals no process, itself
    /// included, unless it is `Hashable`.
    public static func == (lhs: Role, rhs: Role) -> Bool {
        switch (lhs, rhs) {
        case let (.client(left), .client(right)): left == right
        case let (.replica(left), .replica(right)): left == right
        case let (.leader(left), .leader(right)): left == right
        case let (.acceptor(left), .acceptor(right)): left == right
        case let (.scout(left), .scout(right)): left == right
        case let (.commander(left), .commander(right)): left == right
        case let (.custom(left), .custom(right)): left.isSameState(as: right)
        case (.client, _), (.replica, _), (.leader, _), (.acceptor, _), (.scout, _), (.commander, _), (.custom, _): false
        }
    }

    /// The acceptor state of an acceptor, or of a custom process that plays one, as the
    /// walk-throughs read it.
    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? {
        switch self {
        case .acceptor(let acceptor): (acceptor.ballotNumber, acceptor.accepted)
        case .custom(let custom): custom.acceptorState
        case .client, .replica, .leader, .scout, .commander: nil
        }
    }
}

/// A process whose behaviour is not one of the paper's roles: for tests that need a faulty
/// process, or for experiments. Hosts drive it exactly like the built-in roles.
public protocol CustomRole<Machine>: Sendable {
    associatedtype Machine: StateMachine
    var id: ProcessID { get }
    /// For a process that stands in for an acceptor: its ballot and accepted pvalues, so the
    /// acceptor invariants are checked on it too. `nil` otherwise.
    var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { get }
    mutating func start(into outbox: inout Outbox<Machine>)
    mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>)
    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>)
    /// Called when a scout or commander of this process exits; see ``Role/childExited(_:at:)``.
    mutating func childExited(_ child: ProcessID, at time: Int)
    /// Called when the process comes back after a crash; see ``Role/restart(into:)``.
    mutating func restart(into outbox: inout Outbox<Machine>)
    /// Whether `other` is this process in the same state. Hosts that compare whole states (the
    /// explorer, which visits each state once) use it.
    func isSameState(as other: any CustomRole<Machine>) -> Bool
    /// Feeds the process's state to `hasher`, consistently with ``isSameState(as:)``.
    func hashState(into hasher: inout Hasher)
}

extension CustomRole {
    /// Does nothing: most custom processes spawn no children.
    public mutating func childExited(_ child: ProcessID, at time: Int) {}

    /// Does nothing: the process keeps its state and had no timers to set again.
    public mutating func restart(into outbox: inout Outbox<Machine>) {}

    /// `false`: a custom process's state is its own business unless it is `Hashable`.
    public func isSameState(as other: any CustomRole<Machine>) -> Bool { false }

    /// Hashes the id alone.
    public func hashState(into hasher: inout Hasher) { hasher.combine(id) }
}

extension CustomRole where Self: Hashable {
    /// Whether `other` is of this type and equal to this process.
    public func isSameState(as other: any CustomRole<Machine>) -> Bool { (other as? Self) == self }

    /// Hashes the whole process.
    public func hashState(into hasher: inout Hasher) { hasher.combine(self) }
}

/// A process is hashable when its application is: the explorer deduplicates states by
/// hashing every process.
extension Role: Hashable where Machine: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .client(let process): hasher.combine(0); hasher.combine(process)
        case .replica(let process): hasher.combine(1); hasher.combine(process)
        case .leader(let process): hasher.combine(2); hasher.combine(process)
        case .acceptor(let process): hasher.combine(3); hasher.combine(process)
        case .scout(let process): hasher.combine(4); hasher.combine(process)
        case .commander(let process): hasher.combine(5); hasher.combine(process)
        case .custom(let process): hasher.combine(6); process.hashState(into: &hasher)
        }
    }
}

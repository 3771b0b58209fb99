import PMMC

/// The simulator's processes by slot. Each kind is kept in an array of its own, so that a
/// handler works on the role where it lives: ``Role``'s handlers move the role out of its
/// enum case and back around every call (a `memcpy` of every field each way), where
/// `leaders[slot]!.receive(…)` does neither. The invariant monitor reads replicas and
/// acceptors where they live too (``check(_:with:id:delivered:observations:)``).
struct RoleTable<Machine: StateMachine> {
    private enum Kind {
        case client, replica, leader, acceptor, scout, commander, custom
    }

    /// The kind of process in each slot; `nil` for a free slot.
    private var kinds: [Kind?] = []
    private var clients: [Client<Machine>?] = []
    private var replicas: [Replica<Machine>?] = []
    private var leaders: [Leader<Machine>?] = []
    private var acceptors: [Acceptor<Machine>?] = []
    private var scouts: [Scout<Machine>?] = []
    private var commanders: [Commander<Machine>?] = []
    private var customs: [(any CustomRole<Machine>)?] = []

    /// Slots in the table, free ones included.
    var count: Int { kinds.count }

    /// A copy of the process in `slot`, if any.
    subscript(slot: Int) -> Role<Machine>? {
        switch kinds[slot] {
        case .client?: .client(clients[slot]!)
        case .replica?: .replica(replicas[slot]!)
        case .leader?: .leader(leaders[slot]!)
        case .acceptor?: .acceptor(acceptors[slot]!)
        case .scout?: .scout(scouts[slot]!)
        case .commander?: .commander(commanders[slot]!)
        case .custom?: .custom(customs[slot]!)
        case nil: nil
        }
    }

    /// Puts `role` into `slot`, in place of whatever was there; adds the slot if it is the
    /// next one. Returns the role's id, read from the role as it goes in: ``Role/id`` would
    /// copy the role out of its enum first.
    @discardableResult
    mutating func put(_ role: __owned Role<Machine>, at slot: Int) -> ProcessID {
        if slot == kinds.count {
            kinds.append(nil)
            clients.append(nil)
            replicas.append(nil)
            leaders.append(nil)
            acceptors.append(nil)
            scouts.append(nil)
            commanders.append(nil)
            customs.append(nil)
        }
        remove(slot)
        let id: ProcessID
        switch consume role {
        case .client(let process): id = process.id; kinds[slot] = .client; clients[slot] = consume process
        case .replica(let process): id = process.id; kinds[slot] = .replica; replicas[slot] = consume process
        case .leader(let process): id = process.id; kinds[slot] = .leader; leaders[slot] = consume process
        case .acceptor(let process): id = process.id; kinds[slot] = .acceptor; acceptors[slot] = consume process
        case .scout(let process): id = process.id; kinds[slot] = .scout; scouts[slot] = consume process
        case .commander(let process): id = process.id; kinds[slot] = .commander; commanders[slot] = consume process
        case .custom(let process): id = process.id; kinds[slot] = .custom; customs[slot] = process
        }
        return id
    }

    /// Removes the process in `slot`, leaving it free.
    mutating func remove(_ slot: Int) {
        switch kinds[slot] {
        case .client?: clients[slot] = nil
        case .replica?: replicas[slot] = nil
        case .leader?: leaders[slot] = nil
        case .acceptor?: acceptors[slot] = nil
        case .scout?: scouts[slot] = nil
        case .commander?: commanders[slot] = nil
        case .custom?: customs[slot] = nil
        case nil: break
        }
        kinds[slot] = nil
    }

    /// Has `monitor` check the process in `slot` (named `id`) after an event, if it is a
    /// replica, an acceptor or a custom process; `message` is what it was delivered, if any.
    /// The monitor reads a replica or an acceptor where it lives, without a copy.
    mutating func check(
        _ slot: Int, with monitor: inout InvariantMonitor<Machine>, id: ProcessID, delivered message: Message<Machine>?,
        observations: [Observation<Machine>]
    ) -> (Invariant, [ProcessID], String)? {
        switch kinds[slot] {
        case .replica?:
            monitor.check(replica: &replicas[slot]!, id: id, tableSlot: slot, delivered: message, observations: observations)
        case .acceptor?:
            monitor.check(acceptor: &acceptors[slot]!, id: id, tableSlot: slot, observations: observations)
        case .custom?:
            monitor.check(custom: customs[slot]!, id: id, tableSlot: slot, observations: observations)
        case .client?, .leader?, .scout?, .commander?, nil:
            nil
        }
    }

    /// Whether `slot` holds a custom process.
    func isCustom(_ slot: Int) -> Bool {
        kinds[slot] == .custom
    }

    /// Whether `slot` holds a client with no request in flight.
    func isIdleClient(_ slot: Int) -> Bool {
        kinds[slot] == .client && clients[slot]!.isIdle
    }

    /// Has the client in `slot` submit `body`. - Precondition: `slot` holds a client.
    mutating func submit(_ body: Command<Machine>.Body, client slot: Int, into outbox: inout Outbox<Machine>) -> Command<Machine> {
        clients[slot]!.submit(body, into: &outbox)
    }

    /// ``Role/start(into:)`` on the process in `slot`.
    mutating func start(_ slot: Int, into outbox: inout Outbox<Machine>) {
        switch kinds[slot]! {
        case .leader: leaders[slot]!.start(into: &outbox)
        case .scout: scouts[slot]!.start(into: &outbox)
        case .commander: commanders[slot]!.start(into: &outbox)
        case .custom: customs[slot]!.start(into: &outbox)
        case .client, .replica, .acceptor: break
        }
    }

    /// ``Role/restart(into:)`` on the process in `slot`.
    mutating func restart(_ slot: Int, into outbox: inout Outbox<Machine>) {
        switch kinds[slot]! {
        case .client: clients[slot]!.restart(into: &outbox)
        case .replica: replicas[slot]!.restart(into: &outbox)
        case .leader: leaders[slot]!.restart(into: &outbox)
        case .custom: customs[slot]!.restart(into: &outbox)
        case .acceptor, .scout, .commander: break
        }
    }

    /// ``Role/receive(_:from:into:)`` on the process in `slot`.
    mutating func receive(_ message: Message<Machine>, from sender: ProcessID, at slot: Int, into outbox: inout Outbox<Machine>) {
        switch kinds[slot]! {
        case .client: clients[slot]!.receive(message, from: sender, into: &outbox)
        case .replica: replicas[slot]!.receive(message, from: sender, into: &outbox)
        case .leader: leaders[slot]!.receive(message, from: sender, into: &outbox)
        case .acceptor: acceptors[slot]!.receive(message, from: sender, into: &outbox)
        case .scout: scouts[slot]!.receive(message, from: sender, into: &outbox)
        case .commander: commanders[slot]!.receive(message, from: sender, into: &outbox)
        case .custom: customs[slot]!.receive(message, from: sender, into: &outbox)
        }
    }

    /// ``Role/timerFired(_:into:)`` on the process in `slot`.
    mutating func timerFired(_ timer: TimerID, at slot: Int, into outbox: inout Outbox<Machine>) {
        switch kinds[slot]! {
        case .client: clients[slot]!.timerFired(timer, into: &outbox)
        case .replica: replicas[slot]!.timerFired(timer, into: &outbox)
        case .leader: leaders[slot]!.timerFired(timer, into: &outbox)
        case .scout: scouts[slot]!.timerFired(timer, into: &outbox)
        case .commander: commanders[slot]!.timerFired(timer, into: &outbox)
        case .custom: customs[slot]!.timerFired(timer, into: &outbox)
        case .acceptor: break
        }
    }

    /// ``Role/childExited(_:at:)`` on the process in `slot`.
    mutating func childExited(_ child: ProcessID, at time: Int, slot: Int) {
        switch kinds[slot]! {
        case .leader: leaders[slot]!.childExited(child, at: time)
        case .custom: customs[slot]!.childExited(child, at: time)
        case .client, .replica, .acceptor, .scout, .commander: break
        }
    }
}

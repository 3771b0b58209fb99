import PMMC

/// The simulator's processes by slot. Clients, leaders, scouts and commanders are each kept
/// in an array of their own kind, so that a handler works on the role where it lives:
/// ``Role``'s handlers move the role out of its enum case and back around every call (a
/// `memcpy` of every field each way), where `leaders[slot]!.receive(…)` does neither.
///
/// Replicas, acceptors and custom processes, which the invariant monitor checks, stay
/// ``Role``s in ``monitored``: the monitor takes an `inout Role`, and handing it one built
/// from a kind's array (moved out and back) copied the role on every check.
struct RoleTable<Machine: StateMachine> {
    private enum Kind {
        case client, leader, scout, commander, monitored
    }

    /// The kind of process in each slot; `nil` for a free slot.
    private var kinds: [Kind?] = []
    private var clients: [Client<Machine>?] = []
    private var leaders: [Leader<Machine>?] = []
    private var scouts: [Scout<Machine>?] = []
    private var commanders: [Commander<Machine>?] = []
    /// The replicas, acceptors and custom processes, by slot; `nil` for any other slot.
    var monitored: [Role<Machine>?] = []

    /// Slots in the table, free ones included.
    var count: Int { kinds.count }

    /// A copy of the process in `slot`, if any.
    subscript(slot: Int) -> Role<Machine>? {
        switch kinds[slot] {
        case .client?: .client(clients[slot]!)
        case .leader?: .leader(leaders[slot]!)
        case .scout?: .scout(scouts[slot]!)
        case .commander?: .commander(commanders[slot]!)
        case .monitored?: monitored[slot]
        case nil: nil
        }
    }

    /// Puts `role` into `slot`, in place of whatever was there; adds the slot if it is the
    /// next one.
    mutating func put(_ role: __owned Role<Machine>, at slot: Int) {
        if slot == kinds.count {
            kinds.append(nil)
            clients.append(nil)
            leaders.append(nil)
            scouts.append(nil)
            commanders.append(nil)
            monitored.append(nil)
        }
        remove(slot)
        switch consume role {
        case .client(let process): kinds[slot] = .client; clients[slot] = process
        case .leader(let process): kinds[slot] = .leader; leaders[slot] = process
        case .scout(let process): kinds[slot] = .scout; scouts[slot] = process
        case .commander(let process): kinds[slot] = .commander; commanders[slot] = process
        case let other: kinds[slot] = .monitored; monitored[slot] = other
        }
    }

    /// Removes the process in `slot`, leaving it free.
    mutating func remove(_ slot: Int) {
        switch kinds[slot] {
        case .client?: clients[slot] = nil
        case .leader?: leaders[slot] = nil
        case .scout?: scouts[slot] = nil
        case .commander?: commanders[slot] = nil
        case .monitored?: monitored[slot] = nil
        case nil: break
        }
        kinds[slot] = nil
    }

    /// Whether `slot` holds a process the invariant monitor checks (in ``monitored``).
    func isMonitored(_ slot: Int) -> Bool {
        kinds[slot] == .monitored
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
        case .monitored: monitored[slot]!.start(into: &outbox)
        case .client: break
        }
    }

    /// ``Role/restart(into:)`` on the process in `slot`.
    mutating func restart(_ slot: Int, into outbox: inout Outbox<Machine>) {
        switch kinds[slot]! {
        case .client: clients[slot]!.restart(into: &outbox)
        case .leader: leaders[slot]!.restart(into: &outbox)
        case .monitored: monitored[slot]!.restart(into: &outbox)
        case .scout, .commander: break
        }
    }

    /// ``Role/receive(_:from:into:)`` on the process in `slot`.
    mutating func receive(_ message: Message<Machine>, from sender: ProcessID, at slot: Int, into outbox: inout Outbox<Machine>) {
        switch kinds[slot]! {
        case .client: clients[slot]!.receive(message, from: sender, into: &outbox)
        case .leader: leaders[slot]!.receive(message, from: sender, into: &outbox)
        case .scout: scouts[slot]!.receive(message, from: sender, into: &outbox)
        case .commander: commanders[slot]!.receive(message, from: sender, into: &outbox)
        case .monitored: monitored[slot]!.receive(message, from: sender, into: &outbox)
        }
    }

    /// ``Role/timerFired(_:into:)`` on the process in `slot`.
    mutating func timerFired(_ timer: TimerID, at slot: Int, into outbox: inout Outbox<Machine>) {
        switch kinds[slot]! {
        case .client: clients[slot]!.timerFired(timer, into: &outbox)
        case .leader: leaders[slot]!.timerFired(timer, into: &outbox)
        case .scout: scouts[slot]!.timerFired(timer, into: &outbox)
        case .commander: commanders[slot]!.timerFired(timer, into: &outbox)
        case .monitored: monitored[slot]!.timerFired(timer, into: &outbox)
        }
    }

    /// ``Role/childExited(_:at:)`` on the process in `slot`.
    mutating func childExited(_ child: ProcessID, at time: Int, slot: Int) {
        switch kinds[slot]! {
        case .leader: leaders[slot]!.childExited(child, at: time)
        case .monitored: monitored[slot]!.childExited(child, at: time)
        case .client, .scout, .commander: break
        }
    }
}

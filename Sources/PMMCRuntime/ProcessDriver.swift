import PMMC

/// What a ``ProcessActor`` drives, in one value: the role, the scouts and commanders a
/// leader hosts, the outbox, and the effects host (with a client's calls). It drives the role
/// exactly as the simulator does: `start`, then one `receive` per message and one
/// `timerFired` per due timer (``ActorTimers``), carrying out the effects each call leaves in
/// the outbox.
///
/// The actor keeps it in a single stored property and hands it a whole mailbox batch at a
/// time, so that the batch costs one exclusive access to the actor's state rather than one
/// for every property each delivery touches: the dynamic exclusivity checks of the actor's
/// separate properties were about 5% of a batched run's samples (Docs/Runtime.md, "Fewer
/// hops and checks").
struct ProcessDriver<Machine: StateMachine> {
    let id: ProcessID
    private(set) var process: Role<Machine>
    /// A leader's live scouts and commanders.
    private var children = HostedChildren<Machine>()
    private var outbox = Outbox<Machine>()
    private let bus: MessageBus<Machine>
    /// Carries out the role's effects; holds a client's session.
    private(set) var effects: ActorEffects<Machine>

    init(process: Role<Machine>, mailbox: Mailbox<Machine>, bus: MessageBus<Machine>) {
        self.id = process.id
        self.process = process
        self.bus = bus
        self.effects = ActorEffects(bus: bus, mailbox: mailbox, host: process.id)
    }

    /// The current state of this process, or of its live child `id`.
    func state(of id: ProcessID) -> Role<Machine>? {
        id == self.id ? process : children.role(id)
    }

    /// A client's calls.
    var session: ClientSession<Machine> {
        get { effects.session }
        _modify { yield &effects.session }
    }

    /// Starts the role at `now` (in ticks) and carries out what it asks for.
    mutating func start(at now: Int) {
        outbox.removeAll()
        outbox.now = now
        process.start(into: &outbox)
        carryOut(of: id)
        effects.flush()
    }

    /// Handles `batch` in order at `now`, unless `mailbox` is stopped before a delivery: then
    /// it returns `false` and handles nothing more.
    mutating func handle(_ batch: [Delivery<Machine>], at now: Int, until mailbox: Mailbox<Machine>) -> Bool {
        for index in batch.indices {
            guard !mailbox.isStopped else { return false }
            handle(batch[index], at: now)
        }
        return true
    }

    private mutating func handle(_ delivery: Delivery<Machine>, at now: Int) {
        defer { effects.flush() }
        outbox.removeAll()
        outbox.now = now
        switch delivery {
        case .message(let message, let sender, let messageID):
            process.receive(message, from: sender, into: &outbox)
            if bus.isObserved {
                bus.emit(.delivered(Envelope(source: sender, destination: id, message: message), id: messageID,
                                    ignored: outbox.observations.contains(.ignored)))
                effects.report(outbox.observations, of: id)
            }
        case .childMessage(let message, let sender, let child, let messageID):
            guard let index = children.index(of: child) else { return }
            children[index].receive(message, from: sender, into: &outbox)
            if bus.isObserved {
                bus.emit(.delivered(Envelope(source: sender, destination: child, message: message), id: messageID,
                                    ignored: outbox.observations.contains(.ignored)))
                effects.report(outbox.observations, of: child)
            }
            carryOut(of: child)
            return
        case .timersDue:
            for (owner, timer) in effects.takeDueTimers(at: bus.nanoseconds(at: .now)) {
                fire(timer, of: owner, at: now)
            }
            submitNextCall(at: now)
            return
        case .cancelCall(let ticket):
            effects.session.cancel(ticket: ticket)
        }
        carryOut(of: id)
        submitNextCall(at: now)
    }

    /// Gives `timer`, which came due, to `owner`: this process or one of its live children. A
    /// crashed child's timer is dropped instead, as the bus drops its messages.
    private mutating func fire(_ timer: TimerID, of owner: ProcessID, at now: Int) {
        outbox.removeAll()
        outbox.now = now
        if owner == id {
            process.timerFired(timer, into: &outbox)
        } else {
            guard let index = children.index(of: owner) else { return }
            guard !bus.isCrashed(owner) else { return effects.countDropped() }
            children[index].timerFired(timer, into: &outbox)
        }
        effects.countFired()
        bus.emit(.timerFired(owner, timer))
        carryOut(of: owner)
    }

    /// Client only: sends the next waiting call's request if none is in flight, at `now` in
    /// ticks and at `instant` for the call's record. The session is asked first: after most
    /// deliveries it has nothing to send, and then the role is not looked at.
    mutating func submitNextCall(at now: Int, instant: @autoclosure () -> ContinuousClock.Instant = .now) {
        guard effects.session.hasCallToSend, process.isIdleClient, let call = effects.session.nextCall() else { return }
        outbox.removeAll()
        outbox.now = now
        guard let command = process.submitRequest(call.body, into: &outbox) else {
            preconditionFailure("\(id) is an idle client but did not submit")
        }
        effects.session.sent(call, as: command, at: instant())
        carryOut(of: id)
        effects.flush()
    }

    /// Carries out the effects in the outbox, which `source` (this process or a child) asked
    /// for, in order; then forgets the children that exited, telling the leader, and starts
    /// those spawned. Sends and timers wait in ``effects`` until the caller flushes them.
    private mutating func carryOut(of source: ProcessID) {
        effects.carryOut(outbox.effects, of: source)
        let now = outbox.now
        while let child = effects.exited.popLast() {
            children.remove(child)
            process.childExited(child, at: now)
        }
        guard !effects.spawned.isEmpty else { return }
        let spawned = effects.spawned
        effects.spawned.removeAll(keepingCapacity: true)
        for var child in spawned where bus.adopt(child, by: id) {
            let childID = child.id
            outbox.removeAll()
            outbox.now = now
            child.start(into: &outbox)
            children.append(child)
            carryOut(of: childID)
        }
    }
}

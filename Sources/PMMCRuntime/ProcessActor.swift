import PMMC

/// One process of the paper (a replica, leader, acceptor or client) as an actor, with a
/// leader's scouts and commanders inside it. It holds the role's value in a ``Role`` and
/// drives it exactly as the simulator does: `start`, then one `receive` or `timerFired` per
/// item of its mailbox, carrying out the effects each call leaves in the outbox. A child a
/// leader spawns is started at once and hosted here: its messages and timers come through
/// the leader's mailbox, and its exit is told to the leader (``Role/childExited(_:at:)``)
/// as soon as it is carried out. The protocol itself lives only in `PMMC`.
actor ProcessActor<Machine: StateMachine> {
    nonisolated let id: ProcessID
    nonisolated let mailbox: Mailbox<Machine>
    private var process: Role<Machine>
    /// A leader's live scouts and commanders.
    private var children = HostedChildren<Machine>()
    private var outbox = Outbox<Machine>()
    private let bus: MessageBus<Machine>
    /// Carries out the role's effects; holds a client's effects.session.
    private var effects: ActorEffects<Machine>
    /// Why the drain loop ended, once it has: calls made afterwards fail with it.
    private var stopped: RuntimeError?

    init(process: Role<Machine>, mailbox: Mailbox<Machine>, bus: MessageBus<Machine>) {
        self.id = process.id
        self.process = process
        self.mailbox = mailbox
        self.bus = bus
        self.effects = ActorEffects(bus: bus)
        bus.actorCreated()
    }

    deinit {
        bus.actorReleased()
    }

    /// The current state of this process, or of its live child `id`.
    func state(of id: ProcessID) -> Role<Machine>? {
        id == self.id ? process : children.role(id)
    }

    /// The requests this process sent as a client, in order.
    var history: [OperationRecord<Machine>] { effects.session.history }

    /// Starts the process, then handles its mailbox in order until it exits, crashes, or the
    /// cluster shuts down. Runs on the process's own task.
    func run() async {
        if !mailbox.isStopped {
            outbox.removeAll()
            outbox.now = bus.now
            process.start(into: &outbox)
            carryOut(of: id)
        }
        var batch: [Delivery<Machine>] = []
        drain: while await mailbox.take(into: &batch) {
            // One clock read per batch: its deliveries were all queued by now, and a tick
            // (a millisecond) is far longer than a batch takes.
            let now = bus.now
            for delivery in batch {
                guard !mailbox.isStopped else { break drain }
                handle(delivery, at: now)
            }
            batch.removeAll(keepingCapacity: true)
        }
        let reason = bus.isClosed ? RuntimeError.shutDown : .crashed(id)
        stopped = reason
        effects.session.failAll(reason)
    }

    /// Client only: sends `body` as a request once every earlier call has completed, and
    /// returns the output of the first response.
    func call(_ body: Command<Machine>.Body) async throws -> Machine.Output? {
        let ticket = effects.session.newTicket()
        let mailbox = mailbox
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                if let stopped {
                    continuation.resume(throwing: stopped)
                    return
                }
                effects.session.enqueue(ClientSession.Call(ticket: ticket, body: body, continuation: continuation))
                submitNextCall(at: bus.now)
            }
        } onCancel: {
            mailbox.post(.cancelCall(ticket: ticket))
        }
    }

    private func handle(_ delivery: Delivery<Machine>, at now: Int) {
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
        case .timer(let timer):
            process.timerFired(timer, into: &outbox)
            bus.emit(.timerFired(id, timer))
        case .childTimer(let timer, let child):
            guard let index = children.index(of: child) else { return }
            children[index].timerFired(timer, into: &outbox)
            bus.emit(.timerFired(child, timer))
            carryOut(of: child)
            return
        case .cancelCall(let ticket):
            effects.session.cancel(ticket: ticket)
        }
        carryOut(of: id)
        submitNextCall(at: now)
    }

    /// Client only: sends the next waiting call's request if none is in flight. The session
    /// is asked first: after most deliveries it has nothing to send, and then the role is not
    /// looked at.
    private func submitNextCall(at now: Int) {
        guard effects.session.hasCallToSend, process.isIdleClient, let call = effects.session.nextCall() else { return }
        outbox.removeAll()
        outbox.now = now
        guard let command = process.submitRequest(call.body, into: &outbox) else {
            preconditionFailure("\(id) is an idle client but did not submit")
        }
        effects.session.sent(call, as: command, at: .now)
        carryOut(of: id)
    }

    /// Carries out the effects in the outbox, which `source` (this process or a child) asked
    /// for, in order; then forgets the children that exited, telling the leader, and starts
    /// those spawned.
    private func carryOut(of source: ProcessID) {
        effects.carryOut(outbox.effects, of: source)
        effects.flushSends()
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

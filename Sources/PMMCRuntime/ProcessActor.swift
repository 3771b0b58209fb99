import PMMC

/// One process of the paper (a replica, leader, acceptor, client, scout or commander) as an
/// actor. It holds the role's value in a ``Role`` and drives it exactly as the simulator
/// does: `start`, then one `receive` or `timerFired` per item of its mailbox, carrying out
/// the effects each call leaves in the outbox. The protocol itself lives only in `PMMC`.
actor ProcessActor<Machine: StateMachine> {
    nonisolated let id: ProcessID
    nonisolated let mailbox: Mailbox<Machine>
    private var process: Role<Machine>
    private var outbox = Outbox<Machine>()
    /// Sends waiting to go to the bus together, and the bus's scratch space for routing them.
    private var sends: [(Message<Machine>, ProcessID)] = []
    private var posts: [(Mailbox<Machine>, Delivery<Machine>)] = []
    private let bus: MessageBus<Machine>
    private var session = ClientSession<Machine>()
    /// Why the drain loop ended, once it has: calls made afterwards fail with it.
    private var stopped: RuntimeError?

    init(process: Role<Machine>, mailbox: Mailbox<Machine>, bus: MessageBus<Machine>) {
        self.id = process.id
        self.process = process
        self.mailbox = mailbox
        self.bus = bus
        bus.actorCreated()
    }

    deinit {
        bus.actorReleased()
    }

    /// The role's current state.
    var state: Role<Machine> { process }

    /// The requests this process sent as a client, in order.
    var history: [OperationRecord<Machine>] { session.history }

    /// Starts the process, then handles its mailbox in order until it exits, crashes, or the
    /// cluster shuts down. Runs on the process's own task.
    func run() async {
        if !mailbox.isStopped {
            outbox.removeAll()
            outbox.now = bus.now
            process.start(into: &outbox)
            carryOut()
        }
        var batch: [Delivery<Machine>] = []
        drain: while await mailbox.take(into: &batch) {
            for delivery in batch {
                guard !mailbox.isStopped else { break drain }
                handle(delivery)
            }
            batch.removeAll(keepingCapacity: true)
        }
        let reason = bus.isClosed ? RuntimeError.shutDown : .crashed(id)
        stopped = reason
        session.failAll(reason)
    }

    /// Client only: sends `body` as a request once every earlier call has completed, and
    /// returns the output of the first response.
    func call(_ body: Command<Machine>.Body) async throws -> Machine.Output? {
        let ticket = session.newTicket()
        let mailbox = mailbox
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if let stopped {
                    continuation.resume(throwing: stopped)
                    return
                }
                session.enqueue(ClientSession.Call(ticket: ticket, body: body, continuation: continuation))
                submitNextCall()
            }
        } onCancel: {
            mailbox.post(.cancelCall(ticket: ticket))
        }
    }

    private func handle(_ delivery: Delivery<Machine>) {
        outbox.removeAll()
        outbox.now = bus.now
        switch delivery {
        case .message(let message, let sender, let messageID):
            process.receive(message, from: sender, into: &outbox)
            if bus.isObserved {
                bus.emit(.delivered(Envelope(source: sender, destination: id, message: message), id: messageID,
                                    ignored: outbox.observations.contains(.ignored)))
                reportObservations()
            }
        case .timer(let timer):
            process.timerFired(timer, into: &outbox)
            bus.emit(.timerFired(id, timer))
        case .childExited(let child):
            process.childExited(child)
        case .cancelCall(let ticket):
            session.cancel(ticket: ticket)
        }
        carryOut()
        if case .client = process {
            submitNextCall()
        }
    }

    private func submitNextCall() {
        guard case .client(var client) = process, client.isIdle, let call = session.nextCall() else { return }
        outbox.removeAll()
        outbox.now = bus.now
        let command = client.submit(call.body, into: &outbox)
        process = .client(client)
        session.sent(call, as: command, at: .now)
        carryOut()
    }

    /// Carries out the effects in the outbox, in order. Consecutive sends go to the bus
    /// together, so it takes its lock once for them.
    private func carryOut() {
        for effect in outbox.effects {
            switch effect {
            case .send(let message, let destination):
                sends.append((message, destination))
                continue
            case .spawn, .setTimer, .exit, .complete:
                flushSends()
            }
            switch effect {
            case .send:
                break
            case .spawn(let child):
                bus.spawn(child, by: id)
            case .setTimer(let timer, let delay):
                bus.setTimer(timer, after: delay, for: id)
            case .exit:
                bus.exit(id)
            case .complete(let requestID, let output):
                bus.emit(.completed(client: id, requestID: requestID, output: output))
                session.completed(requestID: requestID, output: output, at: .now)
            }
        }
        flushSends()
    }

    private func flushSends() {
        guard !sends.isEmpty else { return }
        bus.send(sends, from: id, scratch: &posts)
        sends.removeAll(keepingCapacity: true)
    }

    /// Emits a `decided` or `applied` event for each slot the replica reports it learned or
    /// performed.
    private func reportObservations() {
        for observation in outbox.observations {
            switch observation {
            case .decided(let slot, let command): bus.emit(.decided(replica: id, slot: slot, command: command))
            case .applied(let slot, let command): bus.emit(.applied(replica: id, slot: slot, command: command))
            case .adopted, .accepted, .rejected, .preempted, .ignored: break
            }
        }
    }
}

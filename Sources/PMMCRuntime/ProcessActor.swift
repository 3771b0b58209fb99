import PMMC

/// One process of the paper (a replica, leader, acceptor or client) as an actor, with a
/// leader's scouts and commanders inside it. Its ``ProcessDriver`` holds the role's value in
/// a ``Role`` and drives it exactly as the simulator does: `start`, then one `receive` per
/// message of its mailbox and one `timerFired` per timer of its own that comes due, carrying
/// out the effects each call leaves in the outbox. A child a leader spawns is started at once
/// and hosted here: its messages come through the leader's mailbox, its timers are the
/// leader's actor's to keep, and its exit is told to the leader
/// (``Role/childExited(_:at:)``) as soon as it is carried out. The protocol itself lives only
/// in `PMMC`.

actor ProcessActor<Machine: StateMachine> {
    nonisolated let id: ProcessID
    nonisolated let mailbox: Mailbox<Machine>
    private let bus: MessageBus<Machine>
    /// The role, its children, its outbox and effects, in one value: one exclusive access
    /// per mailbox batch.
    private var driver: ProcessDriver<Machine>
    /// Why the drain loop ended, once it has: calls made afterwards fail with it.
    private var stopped: RuntimeError?

    init(process: Role<Machine>, mailbox: Mailbox<Machine>, bus: MessageBus<Machine>) {
        self.id = process.id
        self.mailbox = mailbox
        self.bus = bus
        self.driver = ProcessDriver(process: process, mailbox: mailbox, bus: bus)
        bus.actorCreated()
    }

    deinit {
        bus.actorReleased()
    }

    /// The current state of this process, or of its live child `id`.
    func state(of id: ProcessID) -> Role<Machine>? {
        driver.state(of: id)
    }

    /// The requests this process sent as a client, in order.
    var history: [OperationRecord<Machine>] { driver.session.history }

    /// Starts the process, then handles its mailbox in order until it exits, crashes, or the
    /// cluster shuts down. Runs on the process's own task.
    func run() async {
        if !mailbox.isStopped {
            driver.start(at: bus.now)
        }
        var batch: [Delivery<Machine>] = []
        while await mailbox.take(into: &batch) {
            // One clock read per batch: its deliveries were all queued by now, and a tick
            // (a millisecond) is far longer than a batch takes.
            guard driver.handle(batch, at: bus.now, until: mailbox) else { break }
            batch.removeAll(keepingCapacity: true)
        }
        let reason = bus.isClosed ? RuntimeError.shutDown : .crashed(id)
        stopped = reason
        driver.session.failAll(reason)
    }

    /// Client only: sends `body` as a request once every earlier call has completed, and
    /// returns the output of the first response.
    func call(_ body: Command<Machine>.Body) async throws -> Machine.Output? {
        try await enqueueCall { ticket, continuation in
            ClientSession.Call(ticket: ticket, body: body, waiter: .one(continuation))
        }
    }

    /// Client only: once every earlier call has completed, sends each of `bodies` as a
    /// request as soon as the previous one is answered, and returns the outputs in order.
    func call(contentsOf bodies: [Command<Machine>.Body]) async throws -> [Machine.Output?] {
        guard let first = bodies.first else { return [] }
        return try await enqueueCall { ticket, continuation in
            ClientSession.Call(ticket: ticket, body: first, waiter: .loop(continuation, rest: bodies.dropFirst()))
        }
    }

    /// Queues the call `makeCall` builds for its ticket and caller, sends its request if no
    /// other is in flight, and waits for the call to complete.
    private func enqueueCall<Result>(
        _ makeCall: (Int, UnsafeContinuation<Result, any Error>) -> ClientSession<Machine>.Call
    ) async throws -> Result {
        let ticket = driver.session.newTicket()
        let mailbox = mailbox
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                if let stopped {
                    continuation.resume(throwing: stopped)
                    return
                }
                driver.session.enqueue(makeCall(ticket, continuation))
                // One clock read for both the role's time and the call's record.
                let instant = ContinuousClock.now
                driver.submitNextCall(at: bus.ticks(at: instant), instant: instant)
            }
        } onCancel: {
            mailbox.post(.cancelCall(ticket: ticket))
        }
    }
}

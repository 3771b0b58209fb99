import PMMC
import Synchronization

/// What a process actor takes from its mailbox, one at a time.
enum Delivery<Machine: StateMachine>: Sendable {
    /// A message from another process.
    case message(Message<Machine>, from: ProcessID)
    /// A timer the process set has fired.
    case timer(TimerID)
    /// A client call's caller was cancelled; stop waiting for it.
    case cancelCall(ticket: Int)
}

/// The sending end of a process actor's mailbox: an unbounded `AsyncStream` the actor drains
/// from its own task, so a sender never waits for the receiver.
final class Mailbox<Machine: StateMachine>: Sendable {
    private let continuation: AsyncStream<Delivery<Machine>>.Continuation
    private let stopped = Atomic<Bool>(false)

    /// A mailbox and the stream its actor drains.
    static func make() -> (Mailbox, AsyncStream<Delivery<Machine>>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Delivery<Machine>.self, bufferingPolicy: .unbounded)
        return (Mailbox(continuation: continuation), stream)
    }

    private init(continuation: AsyncStream<Delivery<Machine>>.Continuation) {
        self.continuation = continuation
    }

    /// Queues `delivery` for the actor.
    func post(_ delivery: Delivery<Machine>) {
        continuation.yield(delivery)
    }

    /// Whether the process was stopped (crashed, exited, or shut down).
    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Stops the process: it handles nothing more, and its drain loop ends.
    func stop() {
        stopped.store(true, ordering: .releasing)
        continuation.finish()
    }
}

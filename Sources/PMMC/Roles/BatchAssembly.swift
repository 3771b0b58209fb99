/// How a replica gathers waiting client requests into one slot's command
/// (``Settings/batching``), as etcd's raft and OmniPaxos buffer proposals: the batch goes out
/// when it holds ``Settings/Batching/maximumSize`` requests, or
/// ``Settings/Batching/maximumDelay`` ticks after its first request found room in the window,
/// whichever comes first. The delay is a ``TimerID/batchFlush`` timer, so it runs on the
/// host's clock, virtual or real.
///
/// Only client operations are batched. A reconfiguration or a no-op at the head of the queue
/// goes out alone, at once, and ends the batch before it. A batch of one is proposed as the
/// plain command, so batching with size 1 proposes exactly what paper figure 1 proposes.
public struct BatchAssembly: Hashable, Sendable {
    /// The limits; `nil` when batching is off and every request is proposed alone.
    public let limits: Settings.Batching?
    /// When the batch now gathering goes out even if it is not full.
    private var deadline: Int?
    /// Whether a ``TimerID/batchFlush`` timer is set.
    private var timerPending = false

    public init(limits: Settings.Batching?) {
        self.limits = limits
    }

    /// Whether the replica, with room in its window, should propose from `requests` now. If
    /// not, the batch is still gathering and a ``TimerID/batchFlush`` timer is set for its
    /// deadline.
    mutating func isReady<Machine>(_ requests: [Command<Machine>], into outbox: inout Outbox<Machine>) -> Bool {
        guard let limits, let first = requests.first else { return true }
        if requests.count >= limits.maximumSize || !first.isOperation { return true }
        let deadline = self.deadline ?? outbox.now + limits.maximumDelay
        self.deadline = deadline
        guard outbox.now < deadline else { return true }
        if !timerPending {
            timerPending = true
            outbox.setTimer(.batchFlush, after: deadline - outbox.now)
        }
        return false
    }

    /// What ``take(from:)`` took for one slot.
    enum Taken<Machine: StateMachine> {
        /// One request, proposed as itself.
        case single(Command<Machine>)
        /// Two or more client operations, proposed as one batch.
        case batch([Command<Machine>])
    }

    /// Takes the next slot's requests off the front of `requests`: up to
    /// ``Settings/Batching/maximumSize`` client operations, or the first request alone if it
    /// is not an operation or batching is off. A single request is taken without building an
    /// array around it: most slots hold one.
    ///
    /// - Precondition: `requests` is not empty.
    mutating func take<Machine>(from requests: inout [Command<Machine>]) -> Taken<Machine> {
        let size = limits.map { limits in
            requests.prefix(limits.maximumSize).firstIndex { !$0.isOperation }.map { max($0, 1) } ?? min(limits.maximumSize, requests.count)
        } ?? 1
        let taken: Taken<Machine> = size == 1 ? .single(requests[0]) : .batch(Array(requests.prefix(size)))
        if size == requests.count {
            requests.removeAll(keepingCapacity: true)
            deadline = nil
        } else {
            requests.removeFirst(size)
        }
        return taken
    }

    /// The ``TimerID/batchFlush`` timer fired, or died with the replica in a crash.
    mutating func timerEnded() {
        timerPending = false
    }
}

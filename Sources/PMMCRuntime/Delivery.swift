import PMMC

/// What a process actor takes from its mailbox, one at a time.
enum Delivery<Machine: StateMachine>: Sendable {
    /// A message from another process; `id` names this copy in events and traces.
    case message(Message<Machine>, from: ProcessID, id: Int)
    /// A message for `child`, a scout or commander this leader hosts.
    case childMessage(Message<Machine>, from: ProcessID, to: ProcessID, id: Int)
    /// The earliest of the timers the actor holds for its process and children is due
    /// (``ActorTimers``).
    case timersDue
    /// A client call's caller was cancelled; stop waiting for it.
    case cancelCall(ticket: Int)
}

extension Delivery {
    /// `message` from `source` for `destination`, whose actor is this mailbox's: its own, or
    /// its host's for a scout or commander.
    static func message(_ message: Message<Machine>, from source: ProcessID, to destination: ProcessID, id: Int) -> Delivery {
        destination.host == destination
            ? .message(message, from: source, id: id)
            : .childMessage(message, from: source, to: destination, id: id)
    }
}

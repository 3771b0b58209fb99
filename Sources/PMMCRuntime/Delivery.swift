import PMMC

/// What a process actor takes from its mailbox, one at a time.
enum Delivery<Machine: StateMachine>: Sendable {
    /// A message from another process; `id` names this copy in events and traces.
    case message(Message<Machine>, from: ProcessID, id: Int)
    /// A timer the process set has fired.
    case timer(TimerID)
    /// The process's scout or commander `child` has exited.
    case childExited(ProcessID)
    /// A client call, posted by its caller's task: the actor sends it in its turn and resumes
    /// the caller with the response.
    case call(ClientSession<Machine>.Call)
    /// A client call's caller was cancelled; stop waiting for it.
    case cancelCall(ticket: Int)
}

import PMMC

/// A client actor's calls: those waiting their turn, the one whose request is in flight, and
/// the record of every request sent. A ``Client`` has one request in flight, so calls made on
/// one handle run one after another, in the order made.
///
/// Each call's continuation is resumed exactly once: by its response, its cancellation or
/// ``failAll(_:)``, each of which takes it out of the session first. So the session holds
/// unsafe continuations: a checked one costs a metadata lookup and an allocation per call,
/// about a tenth of a client's CPU time (Docs/Runtime.md, "Performance").
struct ClientSession<Machine: StateMachine> {
    typealias Continuation = UnsafeContinuation<Machine.Output?, any Error>

    struct Call {
        let ticket: Int
        let body: Command<Machine>.Body
        let continuation: Continuation
    }

    /// Every request sent, in order.
    private(set) var history: [OperationRecord<Machine>] = []
    private var waiting: [Call] = []
    private var head = 0
    private var nextTicket = 0
    /// The call whose request is in flight; its continuation is `nil` once the caller was
    /// cancelled (the request itself stays in flight until answered).
    private var inFlight: (ticket: Int, continuation: Continuation?)?

    /// A number naming a new call.
    mutating func newTicket() -> Int {
        nextTicket += 1
        return nextTicket
    }

    mutating func enqueue(_ call: Call) {
        waiting.append(call)
    }

    /// Whether ``nextCall()`` has a call to give.
    var hasCallToSend: Bool { inFlight == nil && head < waiting.count }

    /// The next call to send, if no request is in flight.
    mutating func nextCall() -> Call? {
        guard hasCallToSend else { return nil }
        let call = waiting[head]
        head += 1
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        }
        return call
    }

    /// Records that `call` was sent as request `command`.
    mutating func sent(_ call: Call, as command: Command<Machine>, at instant: ContinuousClock.Instant) {
        inFlight = (call.ticket, call.continuation)
        history.append(OperationRecord(client: command.client, requestID: command.requestID, body: call.body, call: instant))
    }

    /// Records the response to the request in flight and resumes its caller.
    mutating func completed(requestID: Int, output: Machine.Output?, at instant: ContinuousClock.Instant) {
        guard let call = inFlight, let index = history.indices.last, history[index].requestID == requestID else { return }
        inFlight = nil
        history[index].return = instant
        history[index].output = output
        call.continuation?.resume(returning: output)
    }

    /// The caller of call `ticket` was cancelled: it stops waiting, with `CancellationError`.
    mutating func cancel(ticket: Int) {
        if let call = inFlight, call.ticket == ticket, let continuation = call.continuation {
            inFlight = (ticket, nil)
            continuation.resume(throwing: CancellationError())
        } else if let index = waiting[head...].firstIndex(where: { $0.ticket == ticket }) {
            waiting.remove(at: index).continuation.resume(throwing: CancellationError())
        }
    }

    /// Fails every call still waiting or in flight with `error`.
    mutating func failAll(_ error: RuntimeError) {
        inFlight?.continuation?.resume(throwing: error)
        inFlight = nil
        for call in waiting[head...] {
            call.continuation.resume(throwing: error)
        }
        waiting.removeAll()
        head = 0
    }
}

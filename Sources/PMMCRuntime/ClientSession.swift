import PMMC

/// A client actor's calls: those waiting their turn, the one whose request is in flight, and
/// the record of every request sent. A ``Client`` has one request in flight, so calls made on
/// one handle run one after another, in the order made.
///
/// A call is one request, or a closed loop of them (``ClientHandle/submit(contentsOf:)``),
/// whose next request is sent as soon as the previous one is answered, in the same turn of
/// the client's actor, without waking its caller in between.
///
/// Each call's continuation is resumed exactly once: by its response, its cancellation or
/// ``failAll(_:)``, each of which takes it out of the session first. So the session holds
/// unsafe continuations: a checked one costs a metadata lookup and an allocation per call,
/// about a tenth of a client's CPU time (Docs/Runtime.md, "Performance").
struct ClientSession<Machine: StateMachine> {
    typealias Continuation = UnsafeContinuation<Machine.Output?, any Error>
    typealias LoopContinuation = UnsafeContinuation<[Machine.Output?], any Error>

    /// Who waits for a call, and for what.
    enum Waiter {
        /// One request's caller, resumed with its output.
        case one(Continuation)
        /// A closed loop's caller (``ClientHandle/submit(contentsOf:)``), resumed with every
        /// output once the last request is answered; `rest` are the requests still to send
        /// after the one this call sends.
        case loop(LoopContinuation, rest: ArraySlice<Command<Machine>.Body>)

        /// The caller stops waiting, with `error`.
        func fail(_ error: any Error) {
            switch self {
            case .one(let continuation): continuation.resume(throwing: error)
            case .loop(let continuation, _): continuation.resume(throwing: error)
            }
        }
    }

    struct Call {
        let ticket: Int
        /// The request to send.
        let body: Command<Machine>.Body
        let waiter: Waiter
    }

    /// Every request sent, in order.
    private(set) var history: [OperationRecord<Machine>] = []
    private var waiting: [Call] = []
    private var head = 0
    private var nextTicket = 0
    /// The call whose request is in flight; its waiter is `nil` once the caller was
    /// cancelled (the request itself stays in flight until answered).
    private var inFlight: (ticket: Int, waiter: Waiter?)?
    /// The outputs so far of the closed loop in flight.
    private var loopOutputs: [Machine.Output?] = []

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
        inFlight = (call.ticket, call.waiter)
        history.append(OperationRecord(client: command.client, requestID: command.requestID, body: call.body, call: instant))
    }

    /// Records the response to the request in flight and resumes its caller; a closed loop
    /// with requests left puts its next one first in line instead, to be sent at once.
    mutating func completed(requestID: Int, output: Machine.Output?, at instant: ContinuousClock.Instant) {
        guard let call = inFlight, let index = history.indices.last, history[index].requestID == requestID else { return }
        inFlight = nil
        history[index].return = instant
        history[index].output = output
        switch call.waiter {
        case .one(let continuation):
            continuation.resume(returning: output)
        case .loop(let continuation, let rest):
            loopOutputs.append(output)
            if let next = rest.first {
                putFirst(Call(ticket: call.ticket, body: next, waiter: .loop(continuation, rest: rest.dropFirst())))
            } else {
                let outputs = loopOutputs
                loopOutputs = []
                continuation.resume(returning: outputs)
            }
        case nil:
            break
        }
    }

    /// The caller of call `ticket` was cancelled: it stops waiting, with `CancellationError`.
    /// A closed loop sends no more of its requests.
    mutating func cancel(ticket: Int) {
        if let call = inFlight, call.ticket == ticket, let waiter = call.waiter {
            inFlight = (ticket, nil)
            loopOutputs = []
            waiter.fail(CancellationError())
        } else if let index = waiting[head...].firstIndex(where: { $0.ticket == ticket }) {
            // A closed loop part-way through waits first in line, with no request in flight.
            if index == head, inFlight == nil { loopOutputs = [] }
            waiting.remove(at: index).waiter.fail(CancellationError())
        }
    }

    /// Fails every call still waiting or in flight with `error`.
    mutating func failAll(_ error: RuntimeError) {
        inFlight?.waiter?.fail(error)
        inFlight = nil
        loopOutputs = []
        for call in waiting[head...] {
            call.waiter.fail(error)
        }
        waiting.removeAll()
        head = 0
    }

    /// Puts `call` first in line, ahead of the calls waiting.
    private mutating func putFirst(_ call: Call) {
        if head > 0 {
            head -= 1
            waiting[head] = call
        } else {
            waiting.insert(call, at: 0)
        }
    }
}

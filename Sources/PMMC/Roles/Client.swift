/// A client: broadcasts each request to every replica, sends it again on a timer until a
/// response arrives, and takes the first response.
///
/// A client has at most one request in flight and numbers its requests 1, 2, 3, …; replicas
/// rely on both for at-most-once execution.
///
/// The client keeps at most one retransmission timer armed. When it fires for the request
/// still in flight, that request goes out again; when it fires for an older one, it is armed
/// again for the request now in flight. A request is therefore sent again between one and two
/// ``Settings/requestRetransmit`` intervals after it was first sent, and a busy client leaves
/// one timer behind, not one per request.
public struct Client<Machine: StateMachine>: Hashable, Sendable {
    public let id: ProcessID
    public let replicas: [ProcessID]
    /// The request in flight, if any.
    public private(set) var pending: Command<Machine>?
    /// The id the next request will get.
    public private(set) var nextRequestID = 1
    /// How many times a request was sent again.
    public private(set) var retransmissions = 0
    private let retransmitInterval: Int
    private var timerArmed = false

    public init(id: ProcessID, replicas: [ProcessID], settings: Settings) {
        self.id = id
        self.replicas = replicas
        self.retransmitInterval = settings.requestRetransmit
    }

    /// Whether the client can ``submit(_:into:)`` a new request.
    public var isIdle: Bool { pending == nil }

    /// Sends a new request to every replica and returns it.
    ///
    /// - Precondition: ``isIdle``.
    @discardableResult
    public mutating func submit(_ body: Command<Machine>.Body, into outbox: inout Outbox<Machine>) -> Command<Machine> {
        precondition(pending == nil, "\(id) already has a request in flight")
        let command = Command<Machine>(client: id, requestID: nextRequestID, body: body)
        nextRequestID += 1
        pending = command
        outbox.send(.request(command), to: replicas)
        if !timerArmed {
            timerArmed = true
            outbox.setTimer(.requestRetransmit(requestID: command.requestID), after: retransmitInterval)
        }
        return command
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        guard case .response(let requestID, let output) = message, requestID == pending?.requestID else {
            return outbox.observe(.ignored)
        }
        pending = nil
        outbox.complete(requestID: requestID, output: output)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        guard case .requestRetransmit(let requestID) = timer else { return }
        timerArmed = false
        guard let command = pending else { return }
        if command.requestID == requestID {
            retransmissions += 1
            outbox.send(.request(command), to: replicas)
        }
        timerArmed = true
        outbox.setTimer(.requestRetransmit(requestID: command.requestID), after: retransmitInterval)
    }
}

/// A client: sends each request to the replicas, sends it again on a timer until a response
/// arrives, and takes the first response.
///
/// A client has at most one request in flight and numbers its requests 1, 2, 3, …; replicas
/// rely on both for at-most-once execution.
///
/// Where we depart from the paper, when asked: the paper's client broadcasts every request to
/// every replica, as ours does by default. With ``Settings/broadcastRequests`` off a client sends a
/// new request to one replica, its ``preferredReplica``, and broadcasts a request only when it
/// sends it again. The preferred replica is at first the one whose index is the client's
/// index modulo the number of replicas, and then whichever replica answered the previous
/// request first. A crashed or cut-off preferred replica costs one retransmission interval;
/// the broadcast then reaches the others, and the first to answer becomes the preferred one
/// (Docs/Architecture.md, "Where we depart"; `ClientTests`, `OneReplicaRequestTests`).
///
/// The client arms its retransmission timer when it sends a request and cancels it when the
/// response arrives, as TCP's retransmission timer is restarted and turned off (RFC 6298,
/// §5.1–5.3): a request is sent again one timeout after it was last sent, and a closed-loop
/// client, always waiting for some request, has no timer firing while responses come in time.
/// (It used to leave the timer running and re-arm it for the request then in flight; on the
/// actor runtime with 100 µs ticks that fired about one timer per request, nearly all of them
/// for nothing: Docs/Runtime.md, "Ticks".) A host may deliver a timer it had already taken out
/// of its queue when the cancellation came; the client ignores a timer for a request that is
/// not in flight.
///
/// With ``Settings/adaptiveRetransmission`` the timeout is the ``retransmitTimer``'s: each
/// response to a request sent only once is a round-trip sample (Karn's rule), each
/// retransmission doubles the timeout, and the response to a retransmitted request undoes the
/// doubling. Without it, the timeout is always ``Settings/requestRetransmit``.
public struct Client<Machine: StateMachine>: Hashable, Sendable {
    public let id: ProcessID
    public let replicas: [ProcessID]
    /// The request in flight, if any.
    public private(set) var pending: Command<Machine>?
    /// The id the next request will get.
    public private(set) var nextRequestID = 1
    /// How many times a request was sent again.
    public private(set) var retransmissions = 0
    /// When a request is sent again.
    public private(set) var retransmitTimer: RetransmitTimer
    /// When the request in flight was sent, and whether it was sent again.
    private var sentAt = 0
    private var resent = false
    /// Whether a new request goes to every replica (``Settings/broadcastRequests``).
    public let broadcastsRequests: Bool
    /// The index in ``replicas`` of the replica a new request goes to when it does not go to
    /// every replica: the one that answered the previous request first. A client that
    /// broadcasts never moves it, so its state does not depend on which replica answered.
    public private(set) var preferredReplica: Int

    public init(id: ProcessID, replicas: [ProcessID], settings: Settings) {
        self.id = id
        self.replicas = replicas
        self.broadcastsRequests = settings.broadcastRequests
        if case .client(let index) = id, !replicas.isEmpty {
            preferredReplica = index % replicas.count
        } else {
            preferredReplica = 0
        }
        self.retransmitTimer = RetransmitTimer(initial: settings.requestRetransmit, adapting: settings.adaptiveRetransmission)
    }

    /// Whether the client can ``submit(_:into:)`` a new request.
    public var isIdle: Bool { pending == nil }

    /// Sends a new request to every replica, or to the ``preferredReplica`` only, and returns it.
    ///
    /// - Precondition: ``isIdle``.
    @discardableResult
    public mutating func submit(_ body: Command<Machine>.Body, into outbox: inout Outbox<Machine>) -> Command<Machine> {
        precondition(pending == nil, "\(id) already has a request in flight")
        let command = Command<Machine>(client: id, requestID: nextRequestID, body: body)
        nextRequestID += 1
        pending = command
        sentAt = outbox.now
        resent = false
        if broadcastsRequests || replicas.isEmpty {
            outbox.send(.request(command), to: replicas)
        } else {
            outbox.send(.request(command), to: replicas[preferredReplica])
        }
        arm(for: command, into: &outbox)
        return command
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        guard case .response(let requestID, let output) = message, requestID == pending?.requestID else {
            return outbox.observe(.ignored)
        }
        pending = nil
        outbox.cancelTimer(.requestRetransmit(requestID: requestID))
        if !broadcastsRequests, let index = replicas.firstIndex(of: sender) {
            preferredReplica = index
        }
        if resent {
            retransmitTimer.answered()
        } else {
            retransmitTimer.sample(outbox.now - sentAt)
        }
        outbox.complete(requestID: requestID, output: output)
    }

    /// Comes back after a crash (Docs/Simulation.md, "Restart"): its timer died with it, so it
    /// sets it again for the request in flight, if any, whose response can no longer be a
    /// round-trip sample (Karn's rule).
    public mutating func restart(into outbox: inout Outbox<Machine>) {
        guard let command = pending else { return }
        resent = true
        arm(for: command, into: &outbox)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        guard case .requestRetransmit(let requestID) = timer, let command = pending, command.requestID == requestID else {
            return
        }
        retransmissions += 1
        resent = true
        retransmitTimer.expired()
        outbox.send(.request(command), to: replicas)
        arm(for: command, into: &outbox)
    }

    /// Sets the retransmission timer for `command`, one timeout from now.
    private func arm(for command: Command<Machine>, into outbox: inout Outbox<Machine>) {
        outbox.setTimer(.requestRetransmit(requestID: command.requestID), after: retransmitTimer.timeout)
    }
}

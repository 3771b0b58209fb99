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
/// The client keeps at most one retransmission timer armed. When it fires for the request
/// still in flight, that request goes out again; when it fires for an older one, it is armed
/// again for the request now in flight. A request is therefore sent again between one and two
/// ``Settings/requestRetransmit`` intervals after it was first sent, and a busy client leaves
/// one timer behind, not one per request.
///
/// With ``Settings/adaptiveRetransmission`` a request is sent again once it has waited the
/// ``retransmitTimer``'s timeout since it was last sent: each response to a request sent only
/// once is a round-trip sample (Karn's rule), each retransmission doubles the timeout, and the
/// response to a retransmitted request undoes the doubling.
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
    private var timerArmed = false
    /// When the request in flight was first and last sent, and whether it was sent again.
    private var sentAt = 0
    private var lastSentAt = 0
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
        lastSentAt = sentAt
        resent = false
        if broadcastsRequests || replicas.isEmpty {
            outbox.send(.request(command), to: replicas)
        } else {
            outbox.send(.request(command), to: replicas[preferredReplica])
        }
        if !timerArmed {
            arm(for: command, into: &outbox)
        }
        return command
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        guard case .response(let requestID, let output) = message, requestID == pending?.requestID else {
            return outbox.observe(.ignored)
        }
        pending = nil
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
        timerArmed = false
        guard let command = pending else { return }
        resent = true
        arm(for: command, into: &outbox)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        guard case .requestRetransmit(let requestID) = timer else { return }
        timerArmed = false
        guard let command = pending else { return }
        let due = retransmitTimer.isAdaptive ? outbox.now - lastSentAt >= retransmitTimer.timeout : command.requestID == requestID
        if due {
            retransmissions += 1
            resent = true
            retransmitTimer.expired()
            lastSentAt = outbox.now
            outbox.send(.request(command), to: replicas)
        }
        arm(for: command, into: &outbox)
    }

    /// Sets the retransmission timer for `command`. Adaptive: for when it will have waited the
    /// timeout since it was last sent, but no later than one undoubled timeout from now, so
    /// that a request sent after a retransmitted one does not wait behind the doubled timeout.
    private mutating func arm(for command: Command<Machine>, into outbox: inout Outbox<Machine>) {
        timerArmed = true
        let delay = retransmitTimer.isAdaptive
            ? max(1, min(retransmitTimer.estimate, lastSentAt + retransmitTimer.timeout - outbox.now))
            : retransmitTimer.timeout
        outbox.setTimer(.requestRetransmit(requestID: command.requestID), after: delay)
    }
}

/// Every message of the protocol (paper figures 1, 4, 6, 7), plus the failure detector's
/// ping and pong (paper §3). The sender travels beside the message, in an ``Envelope``.
public enum Message<Machine: StateMachine>: Hashable, Sendable, CustomStringConvertible {
    /// Client → replicas: please perform this command.
    case request(Command<Machine>)
    /// Replica → client: the command with this request id was performed; `nil` output for a
    /// reconfiguration.
    case response(requestID: Int, output: Machine.Output?)
    /// Replica → leaders: please decide `command` in `slot`. `retry` marks a retransmission
    /// after no decision arrived in time.
    case propose(slot: Int, command: Command<Machine>, retry: Bool)
    /// Commander → replicas: `command` is decided in `slot`.
    case decision(slot: Int, command: Command<Machine>)
    /// Scout → acceptors: phase 1a, please adopt `ballot`.
    case p1a(ballot: Ballot)
    /// Acceptor → scout: phase 1b, my ballot and everything I have accepted.
    case p1b(ballot: Ballot, accepted: [PValue<Machine>])
    /// Commander → acceptors: phase 2a, please accept this pvalue.
    case p2a(PValue<Machine>)
    /// Acceptor → commander: phase 2b, my current ballot.
    case p2b(ballot: Ballot)
    /// Scout → leader: a majority adopted `ballot`; here is what they had accepted.
    case adopted(ballot: Ballot, pvalues: [PValue<Machine>])
    /// Scout or commander → leader: an acceptor has adopted the higher `ballot`.
    case preempted(ballot: Ballot)
    /// Leader → leader it monitors: are you alive?
    case ping
    /// Leader → leader that pinged it: alive, and not itself waiting on another leader.
    case pong

    /// The message kind's name, as the trace and the summary print it.
    public var kind: MessageKind {
        switch self {
        case .request: .request
        case .response: .response
        case .propose: .propose
        case .decision: .decision
        case .p1a: .p1a
        case .p1b: .p1b
        case .p2a: .p2a
        case .p2b: .p2b
        case .adopted: .adopted
        case .preempted: .preempted
        case .ping: .ping
        case .pong: .pong
        }
    }

    /// The message in the slides' notation: `p1a(0.1)`, `p2a(<0.1, 1, A>)`, `decision(3, App k1 v1)`.
    public var description: String {
        func list(_ pvalues: [PValue<Machine>]) -> String {
            "[" + pvalues.map(\.description).joined(separator: ", ") + "]"
        }
        switch self {
        case .request(let command): return "request(\(command.client)#\(command.requestID): \(command))"
        case .response(let requestID, let output):
            return "response(#\(requestID): \(output.map { "\"\($0)\"" } ?? "done"))"
        case .propose(let slot, let command, let retry):
            return "propose(\(slot), \(command))" + (retry ? " again" : "")
        case .decision(let slot, let command): return "decision(\(slot), \(command))"
        case .p1a(let ballot): return "p1a(\(ballot))"
        case .p1b(let ballot, let accepted): return "p1b(\(ballot), \(list(accepted)))"
        case .p2a(let pvalue): return "p2a(\(pvalue))"
        case .p2b(let ballot): return "p2b(\(ballot))"
        case .adopted(let ballot, let pvalues): return "adopted(\(ballot), \(list(pvalues)))"
        case .preempted(let ballot): return "preempted(\(ballot))"
        case .ping: return "ping"
        case .pong: return "pong"
        }
    }
}

/// The kinds of ``Message``, in a fixed order for summaries and counters.
public enum MessageKind: Int, CaseIterable, Sendable, CustomStringConvertible {
    case request, response, propose, decision, p1a, p1b, p2a, p2b, adopted, preempted, ping, pong

    public var description: String {
        switch self {
        case .request: "request"
        case .response: "response"
        case .propose: "propose"
        case .decision: "decision"
        case .p1a: "p1a"
        case .p1b: "p1b"
        case .p2a: "p2a"
        case .p2b: "p2b"
        case .adopted: "adopted"
        case .preempted: "preempted"
        case .ping: "ping"
        case .pong: "pong"
        }
    }
}

/// A message in transit: who sent it, to whom.
public struct Envelope<Machine: StateMachine>: Hashable, Sendable {
    public let source: ProcessID
    public let destination: ProcessID
    public let message: Message<Machine>

    public init(source: ProcessID, destination: ProcessID, message: Message<Machine>) {
        self.source = source
        self.destination = destination
        self.message = message
    }
}

/// Every message of the protocol (paper figures 1, 4, 6, 7), plus the failure detector's
/// ping and pong (paper §3), and the messages of garbage collection and catch-up (paper §4.2;
/// Docs/Pragmatics.md). The sender travels beside the message, in an ``Envelope``.
public enum Message<Machine: StateMachine>: Hashable, Sendable, NotationPrintable {
    /// Client → replicas: please perform this command.
    case request(Command<Machine>)
    /// Replica → client: the command with this request id was performed; `nil` output for a
    /// reconfiguration. Boxed, so that no case holds a value of the application's types:
    /// then a message's size and layout are the same for every state machine, and hosts copy
    /// it with a few retains instead of through the generic value witnesses that look up
    /// `Machine.Output` at run time (Docs/Performance.md, "After session 6").
    indirect case response(requestID: Int, output: Machine.Output?)
    /// Replica → leaders: please decide `command` in `slot`. `retry` marks a retransmission
    /// after no decision arrived in time.
    case propose(slot: Int, command: Command<Machine>, retry: Bool)
    /// Commander → replicas: `command` is decided in `slot`.
    case decision(slot: Int, command: Command<Machine>)
    /// Scout → acceptors: phase 1a, please adopt `ballot`.
    case p1a(ballot: Ballot)
    /// Acceptor → scout: phase 1b, my ballot and everything I have accepted (with state
    /// reduction, the highest-ballot pvalue of each slot), at slots from `collectedBelow` on:
    /// every replica has executed the slots below it, and the acceptor has dropped them.
    case p1b(ballot: Ballot, accepted: [PValue<Machine>], collectedBelow: Int = 1)
    /// Commander → acceptors: phase 2a, please accept this pvalue.
    case p2a(PValue<Machine>)
    /// Acceptor → commander: phase 2b, my current ballot.
    case p2b(ballot: Ballot)
    /// Scout → leader: a majority adopted `ballot`; here is what they had accepted at slots
    /// from `collectedBelow` (the highest an acceptor of the majority reported) on.
    case adopted(ballot: Ballot, pvalues: [PValue<Machine>], collectedBelow: Int = 1)
    /// Scout or commander → leader: an acceptor has adopted the higher `ballot`.
    case preempted(ballot: Ballot)
    /// Leader → leader it monitors: are you alive?
    case ping
    /// Leader → leader that pinged it: alive, and not itself waiting on another leader.
    case pong
    /// Replica → leaders and other replicas: I have executed every slot below `slotOut`.
    case executed(slotOut: Int)
    /// Leader → acceptors: every replica has executed every slot below `below`; drop them.
    case collect(below: Int)
    /// Replica → a replica that is ahead: I have executed every slot below `slotOut`; send me
    /// the decisions from there on, or a snapshot.
    case catchUp(slotOut: Int)
    /// Replica → a replica that is behind: my state and client sessions after executing every
    /// slot below the snapshot's `slotOut`.
    indirect case snapshot(ReplicaSnapshot<Machine>)

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
        case .executed: .executed
        case .collect: .collect
        case .catchUp: .catchUp
        case .snapshot: .snapshot
        }
    }

    /// The message in the slides' notation: `p1a(0.1)`, `p2a(<0.1, 1, A>)`, `decision(3, App k1 v1)`.
    public func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        switch self {
        case .request(let command):
            output.write("request("); command.client.writeNotation(to: &output); output.write("#"); output.write(command.requestID)
            output.write(": "); command.writeNotation(to: &output); output.write(")")
        case .response(let requestID, let result):
            output.write("response(#"); output.write(requestID); output.write(": ")
            if let result { output.write("\""); output.write(text: result.description); output.write("\"") } else { output.write("done") }
            output.write(")")
        case .propose(let slot, let command, let retry):
            output.write("propose("); output.write(slot); output.write(", "); command.writeNotation(to: &output); output.write(")")
            if retry { output.write(" again") }
        case .decision(let slot, let command):
            output.write("decision("); output.write(slot); output.write(", "); command.writeNotation(to: &output); output.write(")")
        case .p1a(let ballot): output.write("p1a("); ballot.writeNotation(to: &output); output.write(")")
        case .p1b(let ballot, let accepted, let collectedBelow):
            output.write("p1b("); ballot.writeNotation(to: &output); output.write(", "); Self.write(accepted, to: &output); Self.write(below: collectedBelow, to: &output); output.write(")")
        case .p2a(let pvalue): output.write("p2a("); pvalue.writeNotation(to: &output); output.write(")")
        case .p2b(let ballot): output.write("p2b("); ballot.writeNotation(to: &output); output.write(")")
        case .adopted(let ballot, let pvalues, let collectedBelow):
            output.write("adopted("); ballot.writeNotation(to: &output); output.write(", "); Self.write(pvalues, to: &output); Self.write(below: collectedBelow, to: &output); output.write(")")
        case .preempted(let ballot): output.write("preempted("); ballot.writeNotation(to: &output); output.write(")")
        case .ping: output.write("ping")
        case .pong: output.write("pong")
        case .executed(let slotOut): output.write("executed("); output.write(slotOut); output.write(")")
        case .collect(let below): output.write("gc("); output.write(below); output.write(")")
        case .catchUp(let slotOut): output.write("catchUp("); output.write(slotOut); output.write(")")
        case .snapshot(let snapshot): output.write("snapshot("); output.write(snapshot.slotOut); output.write(")")
        }
    }

    private static func write(_ pvalues: [PValue<Machine>], to output: inout some NotationOutput & ~Copyable) {
        output.write("[")
        for (index, pvalue) in pvalues.enumerated() {
            if index > 0 { output.write(", ") }
            pvalue.writeNotation(to: &output)
        }
        output.write("]")
    }

    /// Nothing while nothing is collected, as in the paper's figures.
    private static func write(below collectedBelow: Int, to output: inout some NotationOutput & ~Copyable) {
        if collectedBelow > 1 { output.write(", below "); output.write(collectedBelow) }
    }
}

/// The kinds of ``Message``, in a fixed order for summaries and counters.
public enum MessageKind: Int, CaseIterable, Sendable, CustomStringConvertible {
    case request, response, propose, decision, p1a, p1b, p2a, p2b, adopted, preempted, ping, pong
    case executed, collect, catchUp, snapshot

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
        case .executed: "executed"
        case .collect: "gc"
        case .catchUp: "catchUp"
        case .snapshot: "snapshot"
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

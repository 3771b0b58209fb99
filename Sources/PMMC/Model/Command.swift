/// A command to be decided in a slot: a client's operation, a reconfiguration, a no-op or a
/// batch of client commands, tagged with the client and its request id so that replicas execute it at most once.
///
/// Commands are immutable and compared by content, so they behave as values. They are
/// classes so that the messages carrying them, which hosts copy many times on their way
/// through queues, copy a reference instead of the whole operation.
public final class Command<Machine: StateMachine>: Hashable, Sendable, NotationPrintable {
    /// What the command does when a replica performs it.
    public enum Body: Hashable, Sendable {
        /// An operation of the application's state machine.
        case operation(Machine.Operation)
        /// Switch to a new set of leaders and acceptors, WINDOW slots after this one.
        case reconfigure(Configuration)
        /// Fill a slot without effect (used to push a reconfiguration through).
        case noop
        /// Client commands a replica gathered into one slot (``Settings/batching``), performed
        /// in order, each at most once. The batch's own client and request id are the
        /// replica's, as for its no-ops.
        case batch([Command])
    }

    /// Who issued the command: a client, or the replica that made a no-op.
    public let client: ProcessID
    /// The issuer's sequence number for the command, from 1.
    public let requestID: Int
    /// What the command does.
    public let body: Body

    public init(client: ProcessID, requestID: Int, body: Body) {
        self.client = client
        self.requestID = requestID
        self.body = body
    }

    public static func == (lhs: Command, rhs: Command) -> Bool {
        lhs === rhs || (lhs.client == rhs.client && lhs.requestID == rhs.requestID && lhs.body == rhs.body)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(client)
        hasher.combine(requestID)
        hasher.combine(body)
    }

    /// Whether performing this command changes the application state.
    public var isOperation: Bool {
        if case .operation = body { return true }
        return false
    }

    /// The client commands this one stands for, in the order they are performed: a batch's
    /// commands, or the command itself.
    public var unbatched: [Command] {
        if case .batch(let commands) = body { return commands }
        return [self]
    }

    /// How many client commands this one stands for: a batch's size, otherwise 1.
    public var unbatchedCount: Int {
        if case .batch(let commands) = body { return commands.count }
        return 1
    }

    /// About how many bytes the command takes in memory: the object and its client and
    /// request id, and the operation's ``StateMachine/approximateBytes(of:)``. For retained-
    /// state figures, not an exact measure.
    public var approximateBytes: Int {
        let object = 16 + MemoryLayout<ProcessID>.size + MemoryLayout<Int>.size
        switch body {
        case .operation(let operation): return object + Machine.approximateBytes(of: operation)
        case .reconfigure(let configuration):
            let processes = configuration.replicas.count + configuration.leaders.count + configuration.acceptors.count
            return object + processes * MemoryLayout<ProcessID>.size
        case .noop: return object
        case .batch(let commands): return object + commands.reduce(0) { $0 + MemoryLayout<Command>.size + $1.approximateBytes }
        }
    }

    /// The command in the slides' notation, its body's: e.g. `Put k1 v1`. The output writes
    /// it (``NotationOutput/write(command:)``), so that a trace writer can copy what it wrote
    /// for the same command before.
    public func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        output.write(command: self)
    }
}

extension Command.Body: NotationPrintable {
    /// The body in the slides' notation, e.g. `Put k1 v1`; a batch lists its commands with
    /// their clients and request ids, `Batch[c0#3 Put k1 v1, c1#2 Get k1]`.
    public func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        switch self {
        case .operation(let operation): Machine.writeNotation(of: operation, to: &output)
        case .reconfigure(let configuration): output.write("Reconfig "); output.write(text: configuration.leadersAndAcceptors)
        case .noop: output.write("Noop")
        case .batch(let commands):
            output.write("Batch[")
            for (index, command) in commands.enumerated() {
                if index > 0 { output.write(", ") }
                command.client.writeNotation(to: &output); output.write("#"); output.write(command.requestID); output.write(" ")
                command.writeNotation(to: &output)
            }
            output.write("]")
        }
    }
}

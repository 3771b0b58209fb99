/// A command to be decided in a slot: a client's operation, a reconfiguration or a no-op,
/// tagged with the client and its request id so that replicas execute it at most once.
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
        }
    }

    /// The command in the slides' notation, e.g. `Put k1 v1`.
    public func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        switch body {
        case .operation(let operation): Machine.writeNotation(of: operation, to: &output)
        case .reconfigure(let configuration): output.write("Reconfig "); output.write(configuration.leadersAndAcceptors)
        case .noop: output.write("Noop")
        }
    }
}

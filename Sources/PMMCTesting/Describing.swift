import PMMC
import PMMCSimulation

/// A client request as replicas deduplicate it: who sent it, and its request id.
struct RequestKey: Hashable, CustomStringConvertible {
    let client: ProcessID
    let requestID: Int

    init(_ client: ProcessID, _ requestID: Int) {
        self.client = client
        self.requestID = requestID
    }

    init<Machine>(_ command: Command<Machine>) { self.init(command.client, command.requestID) }
    init<Machine>(_ operation: ClientOperation<Machine>) { self.init(operation.client, operation.requestID) }

    var description: String { "\(client)#\(requestID)" }
}

/// A command as failure messages name it: its request and what it does, `c0#3 Put k1 v1`.
func describe<Machine>(_ command: Command<Machine>) -> String {
    "\(RequestKey(command)) \(command)"
}

/// A client operation as failure messages name it, `c0#3 Put k1 v1`.
func describe<Machine>(_ operation: ClientOperation<Machine>) -> String {
    describe(Command(client: operation.client, requestID: operation.requestID, body: operation.body))
}

/// An output as failure messages show it: `"v1v2"`, or `nil` for none.
func quoted<Output>(_ output: Output?) -> String {
    output.map { "\"\($0)\"" } ?? "nil"
}

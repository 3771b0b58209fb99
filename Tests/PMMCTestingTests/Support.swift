import PMMC
import PMMCSimulation
import Synchronization
import Testing

/// The messages of the issues that `body` recorded, in order, for a test to compare with what
/// an assertion should say. The issues are known issues, so they do not fail the test; but the
/// test fails if `body` recorded none, or one whose source location is not in the calling
/// file (an assertion must report where it was called, not where it is written).
func issues(recordedBy body: () -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    let recorded = RecordedIssues()
    withKnownIssue(sourceLocation: sourceLocation) {
        body()
    } matching: { issue in
        recorded.append(issue.comments.map(\.rawValue).joined(separator: "\n"))
        return issue.sourceLocation?.fileID == sourceLocation.fileID
    }
    return recorded.messages
}

/// The messages ``issues(recordedBy:sourceLocation:)`` collects.
private final class RecordedIssues: Sendable {
    private let list = Mutex<[String]>([])

    func append(_ message: String) {
        list.withLock { $0.append(message) }
    }

    var messages: [String] { list.withLock { $0 } }
}

/// A simulation for a scripted schedule: latency one tick, invariant checks off so that a
/// test can craft a run that breaks them, and nothing happening but what the test performs.
func scriptedSimulation(replicas: Int = 1, clients: Int = 2) throws -> Simulation<KeyValueStore> {
    // Scripts hand replicas decisions of requests they never received, so every replica must
    // answer what it performs, as with the paper's broadcasting client.
    try Simulation(options: SimulationOptions(
        replicas: replicas, leaders: 1, acceptors: 1, clients: clients, settings: Settings(broadcastRequests: true),
        network: NetworkModel(latency: 1...1), checkInvariants: false))
}

/// A command of client `client`, as replicas see it.
func command(_ operation: KeyValueStore.Operation, client: Int = 0, requestID: Int = 1) -> Command<KeyValueStore> {
    Command(client: .client(client), requestID: requestID, body: .operation(operation))
}

/// Has `replica` learn that `command` is decided in `slot`, as if a commander said so.
func decide(_ command: Command<KeyValueStore>, slot: Int, at replica: Int = 0, in simulation: Simulation<KeyValueStore>) throws {
    try simulation.inject(.decision(slot: slot, command: command), from: .leader(0), to: .replica(replica))
    try simulation.deliver(.decision, to: .replica(replica))
}

/// Has client `client` take `output` as the answer to its request `requestID`, as if a
/// replica had sent it.
func answer(_ output: String, requestID: Int = 1, client: Int = 0, in simulation: Simulation<KeyValueStore>) throws {
    try simulation.inject(.response(requestID: requestID, output: output), from: .replica(0), to: .client(client))
    try simulation.deliver(.response, to: .client(client))
}

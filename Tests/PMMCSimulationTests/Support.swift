import Testing
import PMMC
import PMMCHost
import PMMCSimulation
import PMMCTrace

// Shared helpers for the scenario tests: building and driving simulations, stop conditions,
// and the checks every scenario makes (logs agree, answers match a sequential replay of the
// log, appends took effect exactly once).
//
// Every scenario is deterministic: a simulation's only randomness comes from its seed, and
// the helpers never look at wall-clock time.

typealias KV = KeyValueStore
typealias KVSimulation = Simulation<KeyValueStore>
typealias KVCommand = Command<KeyValueStore>
typealias KVOperation = KeyValueStore.Operation
typealias KVClientOperation = ClientOperation<KeyValueStore>

/// The seeds the scenarios sweep over. Twenty seeds keep the whole target near 15 s in a
/// debug build on two cores; every scenario also passed for seeds 1…150 when written.
enum Seeds {
    static let sweep: [UInt64] = Array(1...20)
}

/// A client request as replicas deduplicate it: who sent it, and its request id.
struct RequestKey: Hashable, Comparable, CustomStringConvertible {
    let client: ProcessID
    let requestID: Int

    init(_ client: ProcessID, _ requestID: Int) {
        self.client = client
        self.requestID = requestID
    }

    init(_ command: KVCommand) { self.init(command.client, command.requestID) }
    init(_ operation: KVClientOperation) { self.init(operation.client, operation.requestID) }

    static func < (lhs: RequestKey, rhs: RequestKey) -> Bool {
        (lhs.client, lhs.requestID) < (rhs.client, rhs.requestID)
    }

    var description: String { "\(client)#\(requestID)" }
}

// MARK: - Building and driving

/// A simulation with the given cluster; defaults are the paper's minimal f = 1 deployment.
func makeSimulation(
    seed: UInt64, replicas: Int = 2, leaders: Int = 2, acceptors: Int = 3, clients: Int = 3,
    settings: Settings = Settings(), network: NetworkModel = NetworkModel()
) throws -> KVSimulation {
    try KVSimulation(options: SimulationOptions(
        seed: seed, replicas: replicas, leaders: leaders, acceptors: acceptors, clients: clients,
        settings: settings, network: network))
}

/// Queues `operations` round-robin: operation `i` goes to client `i mod clients`.
func submitRoundRobin(_ operations: [KVOperation], to simulation: KVSimulation, clients: Int? = nil) throws {
    let count = clients ?? simulation.options.clients
    for (index, operation) in operations.enumerated() {
        try simulation.submit(operation, client: index % count)
    }
}

/// `count` operations on keys `k0…`: about three appends for every get, no puts, values
/// `v<firstValue>`, `v<firstValue + 1>`, … each used once, so that the final value of a key
/// tells exactly which appends took effect and how often.
func appendWorkload(count: Int, keys: Int, seed: UInt64, firstValue: Int = 1) -> [KVOperation] {
    var random = SeededRandom(seed: seed ^ 0xA99E_4D00)
    return (0..<count).map { index in
        let key = "k\(random.uniform(in: 0...keys - 1))"
        return random.uniform(in: 0...3) == 0
            ? .get(key: key)
            : .append(key: key, value: "v\(firstValue + index)")
    }
}

/// Builds a simulation, queues `workload` round-robin, lets `prepare` schedule faults, and
/// runs until every operation completed and every replica applied it (or `timeLimit`).
func runToCompletion(
    seed: UInt64, workload: [KVOperation], replicas: Int = 2, leaders: Int = 2, acceptors: Int = 3,
    clients: Int = 3, settings: Settings = Settings(), network: NetworkModel = NetworkModel(),
    timeLimit: Int = 200_000, prepare: (KVSimulation) throws -> Void = { _ in }
) throws -> (simulation: KVSimulation, outcome: RunOutcome) {
    let simulation = try makeSimulation(
        seed: seed, replicas: replicas, leaders: leaders, acceptors: acceptors, clients: clients,
        settings: settings, network: network)
    try submitRoundRobin(workload, to: simulation)
    try prepare(simulation)
    let outcome = simulation.run(until: everyReplicaApplied, timeLimit: timeLimit)
    return (simulation, outcome)
}

/// Runs until the condition holds, for at most `ticks` more virtual ticks.
@discardableResult
func run(_ simulation: KVSimulation, for ticks: Int, until condition: ((KVSimulation) -> Bool)? = nil) -> RunOutcome {
    simulation.run(until: condition, timeLimit: simulation.now + ticks)
}

/// Queues a get of every key for `client`, runs until they complete, and returns what they read.
func readBack(_ keys: [String], from simulation: KVSimulation, client: Int = 0, ticks: Int = 100_000) throws -> [String: String]? {
    let first = simulation.operations.count
    for key in keys { try simulation.get(key, client: client) }
    let outcome = run(simulation, for: ticks, until: \.allOperationsCompleted)
    guard outcome == .conditionMet else { return nil }
    var values: [String: String] = [:]
    for operation in simulation.operations[first...] {
        guard case .operation(.get(let key)) = operation.body else { continue }
        values[key] = operation.output
    }
    return values
}

/// Every key an operation touched, sorted.
func keys(of operations: [KVClientOperation]) -> [String] {
    Set(operations.compactMap { operation -> String? in
        if case .operation(let body) = operation.body { body.key } else { nil }
    }).sorted()
}

/// Starts recording the trace of `simulation`.
final class TraceRecorder {
    private(set) var events: [TraceEvent] = []

    init(_ simulation: KVSimulation) {
        simulation.trace = { [unowned self] event in self.events.append(event) }
    }

    /// The `decide` events (the first decision of each slot anywhere), with their times.
    var decisions: [TraceEvent] { events.filter { $0.kind == .decide } }

    /// The events recorded after the first event of `kind` (a fault, say), up to the first
    /// event of `until` if given. Events at the fault's own tick that ran before it are not
    /// included: order, not time, tells what came after.
    func events(after kind: TraceEvent.Kind, until end: TraceEvent.Kind? = nil) -> ArraySlice<TraceEvent> {
        guard let start = events.firstIndex(where: { $0.kind == kind }) else { return [] }
        let stop = end.flatMap { end in events[(start + 1)...].firstIndex { $0.kind == end } } ?? events.endIndex
        return events[(start + 1)..<stop]
    }
}

// MARK: - Stop conditions

/// Every submitted operation completed, and every replica has executed each client's last
/// request (so every replica applied all of them).
func everyReplicaApplied(_ simulation: KVSimulation) -> Bool {
    guard simulation.allOperationsCompleted else { return false }
    return everyReplicaExecuted(simulation.operations, in: simulation)
}

/// Every replica's session shows each of `operations` executed.
func everyReplicaExecuted(_ operations: some Sequence<KVClientOperation>, in simulation: KVSimulation) -> Bool {
    var last: [ProcessID: Int] = [:]
    for operation in operations { last[operation.client] = max(last[operation.client] ?? 0, operation.requestID) }
    return simulation.replicas.allSatisfy { replica in
        last.allSatisfy { client, requestID in (replica.sessions[client]?.requestID ?? 0) >= requestID }
    }
}

/// Nothing left that could still be decided: every operation completed, every replica applied
/// it, and no replica holds a request or a proposal not yet applied. Faults injected at such a
/// moment cannot race with decisions already under way.
func isQuiet(_ simulation: KVSimulation) -> Bool {
    guard everyReplicaApplied(simulation) else { return false }
    let replicas = simulation.replicas
    return replicas.allSatisfy { $0.proposals.isEmpty && $0.requests.isEmpty }
        && Set(replicas.map(\.slotOut)).count == 1
}

/// How many operations have completed.
func completedCount(_ simulation: KVSimulation) -> Int {
    simulation.operations.count(where: \.isComplete)
}

// MARK: - Checks

/// Every replica's log (its decisions below slot_out) is a prefix of the longest one, and all
/// replicas executed the same client operations in the same order.
func expectLogsAgree(_ simulation: KVSimulation, sourceLocation: SourceLocation = #_sourceLocation) {
    let logs = simulation.replicas.map(\.log)
    #expect(!logs.isEmpty, "no replicas", sourceLocation: sourceLocation)
    guard let longest = logs.max(by: { $0.count < $1.count }) else { return }
    for (index, log) in logs.enumerated() {
        let prefix = Array(longest.prefix(log.count))
        if prefix != log, let slot = zip(prefix, log).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record(
                "r\(index) decided \(log[slot]) in slot \(slot + 1), another replica \(prefix[slot])",
                sourceLocation: sourceLocation)
        }
    }
    let longestOrder = replay(longest).order
    for (index, log) in logs.enumerated() {
        let order = replay(log).order
        #expect(Array(longestOrder.prefix(order.count)) == order,
                "r\(index) executed operations in another order", sourceLocation: sourceLocation)
    }
}

/// A sequential replay of a decided log: each operation applied once, at the first slot that
/// holds it (a later slot holding the same request is a duplicate), no-ops and
/// reconfigurations skipped.
struct Replay {
    var state = KV()
    /// The output of each executed request.
    var outputs: [RequestKey: String] = [:]
    /// The slot each request executed in.
    var slot: [RequestKey: Int] = [:]
    /// The requests in execution order.
    var order: [RequestKey] = []
}

func replay(_ log: [KVCommand]) -> Replay {
    var result = Replay()
    for (index, command) in log.enumerated() {
        let key = RequestKey(command)
        guard case .operation(let operation) = command.body, result.slot[key] == nil else { continue }
        result.slot[key] = index + 1
        result.order.append(key)
        result.outputs[key] = result.state.apply(operation)
    }
    return result
}

/// Answers match a sequential replay of the decided log:
/// - every completed operation is in the longest log, and its output (a get's value) is what
///   applying the log up to its slot gives;
/// - an operation that returned before another was called holds an earlier slot (real-time
///   order, so the history is linearizable);
/// - every replica's state is its log replayed, and it applied each operation exactly once.
func expectOutputsMatchReplay(_ simulation: KVSimulation, sourceLocation: SourceLocation = #_sourceLocation) {
    let replicas = simulation.replicas
    guard let longest = replicas.map(\.log).max(by: { $0.count < $1.count }) else {
        Issue.record("no replicas", sourceLocation: sourceLocation)
        return
    }
    let reference = replay(longest)
    let completed = simulation.operations.filter { operation in
        if case .operation = operation.body { operation.isComplete } else { false }
    }
    for operation in completed {
        let key = RequestKey(operation)
        guard let output = reference.outputs[key] else {
            Issue.record("\(key) (\(operation.body)) completed but is in no replica's log", sourceLocation: sourceLocation)
            continue
        }
        #expect(operation.output == output,
                "\(key) \(operation.body) answered \(operation.output.map { "\"\($0)\"" } ?? "nil"), replay gives \"\(output)\" at slot \(reference.slot[key]!)",
                sourceLocation: sourceLocation)
    }
    for earlier in completed {
        for later in completed where earlier.return! < later.call {
            guard let before = reference.slot[RequestKey(earlier)], let after = reference.slot[RequestKey(later)] else { continue }
            #expect(before < after,
                    "\(RequestKey(earlier)) returned at t=\(earlier.return!) before \(RequestKey(later)) was called at t=\(later.call), but holds slot \(before) ≥ \(after)",
                    sourceLocation: sourceLocation)
        }
    }
    for replica in replicas {
        let own = replay(replica.log)
        #expect(replica.state == own.state, "\(replica.id)'s state is not its log replayed", sourceLocation: sourceLocation)
        #expect(replica.operationsApplied == own.order.count,
                "\(replica.id) applied \(replica.operationsApplied) operations, its log holds \(own.order.count) distinct ones",
                sourceLocation: sourceLocation)
    }
}

/// The values a workload wrote into `value`: `"v3v17v4"` → `["v3", "v17", "v4"]`.
func writtenValues(_ value: String) -> [String] {
    value.split(separator: "v").map { "v" + $0 }
}

/// Exactly-once appends, rebuilt from the client operations (values must be unique per
/// write, as ``appendWorkload(count:keys:seed:firstValue:)`` and `KeyValueWorkload` make them).
///
/// For every key of `finalValues` (values read at the end):
/// - no written value appears twice (at most once), and each was written to that key;
/// - on keys never `put`, every completed append appears (at least once); incomplete ones may
///   or may not;
/// - each client's appends appear in its request order, and an append that returned before
///   another was called appears before it.
func expectExactlyOnceAppends(
    _ operations: [KVClientOperation], finalValues: [String: String], sourceLocation: SourceLocation = #_sourceLocation
) {
    for (key, value) in finalValues.sorted(by: { $0.key < $1.key }) {
        let written = writtenValues(value)
        var position: [String: Int] = [:]
        for (index, token) in written.enumerated() {
            if position[token] != nil {
                Issue.record("\(token) appears twice in \(key) = \"\(value)\"", sourceLocation: sourceLocation)
            }
            position[token] = index
        }
        var appends: [(value: String, operation: KVClientOperation)] = []
        var puts: Set<String> = []
        for operation in operations {
            switch operation.body {
            case .operation(.append(key, let value)): appends.append((value, operation))
            case .operation(.put(key, let value)): puts.insert(value)
            default: break
            }
        }
        let allowed = Set(appends.map(\.value)).union(puts)
        for token in written where !allowed.contains(token) {
            Issue.record("\(key) holds \(token), which no client wrote to it", sourceLocation: sourceLocation)
        }
        guard puts.isEmpty else { continue }
        for (appended, operation) in appends where operation.isComplete && position[appended] == nil {
            Issue.record("completed \(RequestKey(operation)) App \(key) \(appended) is missing from \"\(value)\"",
                         sourceLocation: sourceLocation)
        }
        for (first, a) in appends {
            for (second, b) in appends {
                guard let i = position[first], let j = position[second] else { continue }
                if a.client == b.client, a.requestID < b.requestID {
                    #expect(i < j, "\(a.client)'s \(first) follows its later \(second) in \(key)", sourceLocation: sourceLocation)
                }
                if let returned = a.return, returned < b.call {
                    #expect(i < j, "\(first) returned before \(second) was called, but follows it in \(key)",
                            sourceLocation: sourceLocation)
                }
            }
        }
    }
}

/// The leader that is active with the highest ballot, if any.
func activeLeader(of simulation: KVSimulation) -> Leader<KV>? {
    simulation.processIDs
        .compactMap { id -> Leader<KV>? in
            guard case .leader(let index) = id, !simulation.isCrashed(id) else { return nil }
            return simulation.leader(index)
        }
        .filter(\.active)
        .max { $0.ballotNumber < $1.ballotNumber }
}

import PMMC
import PMMCHost
import PMMCSimulation
import PMMCTesting
import PMMCTrace

// Shared helpers for the scenario tests: building and driving simulations, and reading back
// and recording what happened. The stop conditions and the checks every scenario makes (logs
// agree, answers match a sequential replay of the log, appends took effect exactly once) are
// PMMCTesting's.
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

// MARK: - Inspection

/// How many operations have completed.
func completedCount(_ simulation: KVSimulation) -> Int {
    simulation.operations.count(where: \.isComplete)
}

/// Whether `process` is a replica (which passes on decisions it learned when another replica
/// asks it to catch up, but makes none).
func isReplica(_ process: ProcessID?) -> Bool {
    if case .replica = process { return true }
    return false
}

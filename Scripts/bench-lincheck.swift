// The linearizability checker's benchmark. Scripts/bench-lincheck.sh compiles it with
// `swiftc -O` against a release build of PMMCSimulation and runs it with four positive
// integers: RUNS OPERATIONS CLIENTS KEYS.
//
// It simulates OPERATIONS random key-value operations (KeyValueWorkload: a third each of
// put, get and append) from CLIENTS clients on KEYS keys, over a network that delays
// messages 1 to 10 ticks and loses 5% of them, and writes the history as JSON. Then, RUNS
// times, it reads the JSON back and checks it, timing both. Last it times three more
// checks: the same history with one get changed to read a value nobody wrote, near the end
// and half-way, and a history of the same size with every put made an append.
import PMMC
import PMMCSimulation

@main
struct BenchLincheck {
    static func main() throws {
        let numbers = CommandLine.arguments.dropFirst().compactMap { Int($0) }.filter { $0 > 0 }
        precondition(numbers.count == 4, "usage: bench-lincheck RUNS OPERATIONS CLIENTS KEYS (positive integers)")
        let (runs, count, clients, keys) = (numbers[0], numbers[1], numbers[2], numbers[3])
        let history = try simulatedHistory(operations: count, clients: clients, keys: keys, appendsOnly: false)
        let json = history.json
        print("history: \(history.operations.count) operations from \(clients) clients on \(keys) keys,"
              + " up to \(maximumConcurrency(history)) in flight at once; \(json.utf8.count) bytes of JSON")
        var best: (read: Duration, check: Duration)?
        for run in 1...runs {
            var decoded = KeyValueHistory([])
            let read = try ContinuousClock().measure { decoded = try KeyValueHistory(json: json) }
            let (check, result) = timedCheck(decoded)
            print("run \(run): read \(milliseconds(read)) ms, check \(milliseconds(check)) ms (\(result.steps) steps): \(result)")
            if best.map({ read + check < $0.read + $0.check }) ?? true { best = (read, check) }
        }
        for (label, fraction) in [("near the end", 1.0), ("half-way", 0.5)] {
            let (check, result) = timedCheck(changingGet(in: history, before: Int(Double(count) * fraction)))
            print("one get changed \(label): check \(milliseconds(check)) ms (\(result.steps) steps):"
                  + " \(result.description.prefix { $0 != ":" })")
        }
        let appends = try simulatedHistory(operations: count, clients: clients, keys: keys, appendsOnly: true)
        let (check, result) = timedCheck(appends)
        print("every put an append: check \(milliseconds(check)) ms (\(result.steps) steps, values up to"
              + " \(appends.operations.compactMap { $0.output?.utf8.count }.max() ?? 0) bytes): \(result)")
        print("best: read \(milliseconds(best!.read)) ms + check \(milliseconds(best!.check)) ms"
              + " = \(milliseconds(best!.read + best!.check)) ms")
    }

    /// The history of a simulated run of `operations` random operations.
    static func simulatedHistory(operations: Int, clients: Int, keys: Int, appendsOnly: Bool) throws -> KeyValueHistory {
        var options = SimulationOptions(seed: 1, clients: clients, checkInvariants: false)
        options.network = NetworkModel(latency: 1...10, lossRate: 0.05)
        let simulation = try Simulation<KeyValueStore>(options: options)
        for (index, operation) in KeyValueWorkload.random(count: operations, keys: keys, seed: 1).enumerated() {
            if appendsOnly, case .put(let key, let value) = operation {
                try simulation.submit(.append(key: key, value: value), client: index % clients)
            } else {
                try simulation.submit(operation, client: index % clients)
            }
        }
        let outcome = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 1_000_000_000)
        precondition(outcome == .conditionMet, "the simulation ended with \(outcome)")
        return KeyValueHistory(clientOperations: simulation.operations)
    }

    static func timedCheck(_ history: KeyValueHistory) -> (Duration, LinearizabilityResult) {
        var result: LinearizabilityResult?
        let duration = ContinuousClock().measure { result = history.checkLinearizability() }
        return (duration, result!)
    }

    /// The most operations in flight at any instant.
    static func maximumConcurrency(_ history: KeyValueHistory) -> Int {
        let events = history.operations.flatMap { [($0.call, 1), ($0.return ?? Int.max, -1)] }.sorted { $0 < $1 }
        var inFlight = 0
        return events.reduce(0) { most, event in
            inFlight += event.1
            return max(most, inFlight)
        }
    }

    /// `history` with the last get before operation `limit` reading a value nobody wrote.
    static func changingGet(in history: KeyValueHistory, before limit: Int) -> KeyValueHistory {
        var changed = history
        let index = history.operations[..<limit].lastIndex { if case .get = $0.input { true } else { false } }!
        let read = history.operations[index]
        changed.operations[index] = KeyValueHistory.Operation(
            client: read.client, input: read.input, output: read.output! + "z", call: read.call, return: read.return)
        return changed
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = (seconds * 1_000_000 + attoseconds / 1_000_000_000_000) / 100
        return "\(tenths / 10).\(tenths % 10)"
    }
}

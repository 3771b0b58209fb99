import Testing
import PMMC
import PMMCSimulation
@testable import PMMCTesting

/// Scenario 1: a fault-free run of the minimal f = 1 deployment (3 acceptors, 2 leaders,
/// 2 replicas) serving several clients.
@Suite("No faults")
struct NoFaultTests {
    static let operationCount = 40

    @Test("every replica decides and applies the same commands in the same order; answers match a replay of the log",
          arguments: Seeds.sweep)
    func agreementAndReplay(seed: UInt64) throws {
        let workload = KeyValueWorkload.random(count: Self.operationCount, keys: 3, seed: seed)
        let (simulation, outcome) = try runToCompletion(seed: seed, workload: workload, clients: 4)

        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.operations.count == Self.operationCount)
        #expect(simulation.operations.allSatisfy { $0.isComplete }, "every client is answered")
        for replica in simulation.replicas {
            #expect(replica.operationsApplied == Self.operationCount, "\(replica.id) applied every operation once")
        }
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)

        // Reading every key at the end gives back what the workload wrote, each append once.
        let values = try #require(try readBack(keys(of: simulation.operations), from: simulation))
        expectExactlyOnceAppends(simulation.operations, finalValues: values)
        #expect(simulation.violation == nil)
        #expect(simulation.statistics.dropped == 0, "a fault-free network drops nothing")
        #expect(simulation.statistics.duplicated == 0)
    }

    @Test("gets read exactly the value the decided log builds up to their slot", arguments: Seeds.sweep)
    func getsSeeTheLogPrefix(seed: UInt64) throws {
        // One key, several writers and readers: the read values are interleavings that only a
        // correct replay reproduces.
        var workload: [KVOperation] = []
        for number in 1...24 {
            workload.append(number % 3 == 0 ? .get(key: "k") : .append(key: "k", value: "v\(number)"))
        }
        let (simulation, outcome) = try runToCompletion(seed: seed, workload: workload, clients: 3)
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)

        let log = try #require(simulation.replicas.map(\.log).max { $0.count < $1.count })
        var state = KV()
        var seen: Set<RequestKey> = []
        var expected: [RequestKey: String] = [:]
        for command in log.flatMap(\.unbatched) {
            guard case .operation(let operation) = command.body, seen.insert(RequestKey(command)).inserted else { continue }
            expected[RequestKey(command)] = state.apply(operation)
        }
        var gets = 0
        for operation in simulation.operations {
            guard case .operation(.get) = operation.body else { continue }
            gets += 1
            #expect(operation.output == expected[RequestKey(operation)], "\(RequestKey(operation))")
        }
        #expect(gets == 8)
        // The last get of each client sees at least its own earlier appends.
        for operation in simulation.operations {
            guard case .operation(.append(_, let value)) = operation.body else { continue }
            let laterGets = simulation.operations.filter {
                if case .operation(.get) = $0.body { $0.client == operation.client && $0.requestID > operation.requestID } else { false }
            }
            for get in laterGets {
                #expect(KeyValueWorkload.writtenValues(in: get.output ?? "").contains(value),
                        "\(RequestKey(get)) misses its own client's earlier \(value)")
            }
        }
        expectLogsAgree(simulation)
    }
}

import Testing
import PMMC
import PMMCSimulation
@testable import PMMCTesting

/// A run is a function of its options and the calls made on it: the same seed replays the
/// same events in the same order.
@Suite("Determinism")
struct DeterminismTests {
    /// A run that exercises every source of randomness and every kind of fault.
    static func traceLines(seed: UInt64) throws -> (lines: [String], statistics: Statistics) {
        let network = NetworkModel(latency: 1...10, lossRate: 0.05, duplicationRate: 0.05)
        let simulation = try makeSimulation(seed: seed, clients: 3, network: network)
        var lines: [String] = []
        simulation.trace = { lines.append($0.jsonLine) }
        try submitRoundRobin(KeyValueWorkload.random(count: 20, keys: 3, seed: seed), to: simulation)
        try simulation.schedule(.partition([[.acceptor(0)]]), at: 40)
        try simulation.schedule(.heal, at: 300)
        try simulation.schedule(.crash(.leader(0)), at: 500)
        simulation.run(until: everyReplicaApplied, timeLimit: 100_000)
        #expect(simulation.violation == nil)
        #expect(simulation.allOperationsCompleted)
        return (lines, simulation.statistics)
    }

    @Test("the same seed and options give the identical trace", arguments: [UInt64(1), 7, 2024])
    func sameSeedSameTrace(seed: UInt64) throws {
        let first = try Self.traceLines(seed: seed)
        let second = try Self.traceLines(seed: seed)
        #expect(first.lines.count > 500)
        #expect(first.lines == second.lines)
        #expect(first.statistics.events == second.statistics.events)
        #expect(first.statistics.dropped == second.statistics.dropped)
        #expect(first.statistics.duplicated == second.statistics.duplicated)
    }

    @Test("a different seed gives a different trace")
    func differentSeedDifferentTrace() throws {
        let first = try Self.traceLines(seed: 1)
        let second = try Self.traceLines(seed: 2)
        #expect(first.lines != second.lines)
        // Both traces start alike (the same start-up actions at time 0) and then diverge.
        let firstDeliveries = first.lines.filter { $0.contains("\"kind\":\"deliver\"") }.prefix(50)
        let secondDeliveries = second.lines.filter { $0.contains("\"kind\":\"deliver\"") }.prefix(50)
        #expect(Array(firstDeliveries) != Array(secondDeliveries))
    }

    @Test("turning the trace on does not change the run")
    func traceDoesNotPerturb() throws {
        func run(traced: Bool) throws -> ([String], Int) {
            let simulation = try makeSimulation(seed: 5, clients: 3, network: NetworkModel(lossRate: 0.05))
            var log: [String] = []
            if traced { simulation.trace = { _ in } }
            try submitRoundRobin(KeyValueWorkload.random(count: 15, keys: 2, seed: 5), to: simulation)
            simulation.run(until: everyReplicaApplied, timeLimit: 100_000)
            for operation in simulation.operations { log.append("\(RequestKey(operation)) \(operation.call) \(operation.return ?? -1) \(operation.output ?? "nil")") }
            return (log, simulation.statistics.events)
        }
        let traced = try run(traced: true)
        let untraced = try run(traced: false)
        #expect(traced.0 == untraced.0)
        #expect(traced.1 == untraced.1)
    }
}

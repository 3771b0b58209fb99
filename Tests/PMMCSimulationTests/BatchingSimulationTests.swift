import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Batching (``Settings/batching``) in whole runs: safe under loss, duplication and crashes,
/// and fewer messages per command as batches grow.
@Suite("Batching in simulation")
struct BatchingSimulationTests {
    /// Batches of up to 8 requests that wait up to 5 ticks.
    static let settings = Settings(batching: Settings.Batching(maximumSize: 8, maximumDelay: 5))

    @Test("under loss, duplication and a leader crash, batches keep R1-R5, agreement, exactly-once and linearizability", arguments: 1...10 as ClosedRange<UInt64>)
    func safeUnderFaults(seed: UInt64) throws {
        let workload = KeyValueWorkload.appends(count: 60, keys: 3, seed: seed)
        let network = NetworkModel(latency: 1...10, lossRate: 0.1, duplicationRate: 0.05)
        let (simulation, outcome) = try runToCompletion(
            seed: seed, workload: workload, clients: 8, settings: Self.settings, network: network, timeLimit: 500_000
        ) { simulation in
            try simulation.schedule(.crash(.leader(0)), at: 150)
        }
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.statistics.batchSlots > 0, "some slot held a batch")
        #expect(simulation.statistics.dropped > 0 && simulation.statistics.duplicated > 0)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        expectLinearizable(simulation)
        let values = try #require(try readBack(["k0", "k1", "k2"], from: simulation, client: 1))
        expectExactlyOnceAppends(simulation.operations, finalValues: values)
        let appended = workload.count { if case .append = $0 { true } else { false } }
        #expect(values.values.map { KeyValueWorkload.writtenValues(in: $0).count }.reduce(0, +) == appended)
    }

    /// Protocol messages (all but client requests and responses) per completed operation
    /// with 64 closed-loop clients, at `size`.
    static func protocolMessagesPerOperation(size: Int) throws -> (protocol: Double, all: Double) {
        // The paper's broadcasting client: both replicas propose every request, as when these
        // figures were first measured (Docs/Pragmatics.md, "Batching").
        let settings = Settings(batching: Settings.Batching(maximumSize: size, maximumDelay: 0), broadcastRequests: true)
        let workload = KeyValueWorkload.appends(count: 2_000, keys: 10, seed: 3)
        let (simulation, outcome) = try runToCompletion(seed: 3, workload: workload, clients: 64, settings: settings, network: NetworkModel(latency: 1...1))
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        return (simulation.statistics.protocolMessagesPerOperation, simulation.statistics.messagesPerOperation)
    }

    @Test("with 64 clients, batches of 64 cost at least 5x fewer protocol messages per command than batches of 1")
    func messagesPerCommandFall() throws {
        let one = try Self.protocolMessagesPerOperation(size: 1)
        let eight = try Self.protocolMessagesPerOperation(size: 8)
        let sixtyFour = try Self.protocolMessagesPerOperation(size: 64)
        #expect(one.protocol > 5 * sixtyFour.protocol, "\(one) \(sixtyFour)")
        #expect(one.protocol > eight.protocol && eight.protocol > sixtyFour.protocol, "\(one) \(eight) \(sixtyFour)")
        // Every client request goes to both replicas and both answer it: 4 messages a command
        // that batching cannot divide, so all messages fall less (16.11 to 5.55 here).
        #expect(sixtyFour.all > 4 && one.all > 2.5 * sixtyFour.all, "\(one) \(sixtyFour)")
    }
}

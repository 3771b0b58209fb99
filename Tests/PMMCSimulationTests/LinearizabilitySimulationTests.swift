import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// The checker on real runs: the simulator's histories under loss, duplication and a leader
/// crash are linearizable, and the same histories, made wrong by hand, are not.
@Suite("Linearizability of simulated runs")
struct LinearizabilitySimulationTests {
    static let network = NetworkModel(latency: 1...10, lossRate: 0.1, duplicationRate: 0.05)

    /// A run of 40 operations from 4 clients on 3 keys over a lossy network, whose active
    /// leader crashes once 10 operations completed; stopped once `completed` operations
    /// completed (all 40 if `nil`).
    static func lossyRunWithCrash(seed: UInt64, stopAfter completed: Int? = nil) throws -> KVSimulation {
        let simulation = try makeSimulation(seed: seed, clients: 4, network: network)
        try submitRoundRobin(KeyValueWorkload.random(count: 40, keys: 3, seed: seed), to: simulation)
        #expect(run(simulation, for: 200_000, until: { completedCount($0) >= 10 }) == .conditionMet)
        let leader = try #require(activeLeader(of: simulation), "some leader is active once operations complete")
        try simulation.schedule(.crash(leader.id), at: simulation.now)
        let stop = completed ?? 40
        #expect(run(simulation, for: 500_000, until: { completedCount($0) >= stop }) == .conditionMet)
        #expect(simulation.violation == nil)
        return simulation
    }

    /// The violation the checker finds in `history`, recording an issue if it finds none.
    static func expectViolation(_ history: KeyValueHistory, sourceLocation: SourceLocation = #_sourceLocation) -> LinearizabilityViolation? {
        let result = history.checkLinearizability(stepLimit: 1_000_000)
        guard case .notLinearizable(let violation) = result.verdict else {
            Issue.record("expected a violation, got \(result)", sourceLocation: sourceLocation)
            return nil
        }
        return violation
    }

    @Test("a run with loss, duplication and a leader crash gives a linearizable history", arguments: Seeds.sweep)
    func lossyRunsAreLinearizable(seed: UInt64) throws {
        let simulation = try Self.lossyRunWithCrash(seed: seed)
        let history = KeyValueHistory(clientOperations: simulation.operations)
        #expect(history.operations.count == 40)
        #expect(history.operations.allSatisfy { $0.isComplete })
        let result = history.checkLinearizability(stepLimit: 1_000_000)
        #expect(result.verdict == .linearizable, "\(result)")
        #expect(try KeyValueHistory(json: history.json) == history)
    }

    @Test("a run stopped mid-way, its last operations never returned, gives a linearizable history", arguments: Seeds.sweep)
    func stoppedRunsAreLinearizable(seed: UInt64) throws {
        let simulation = try Self.lossyRunWithCrash(seed: seed, stopAfter: 25)
        let history = KeyValueHistory(clientOperations: simulation.operations)
        #expect(history.operations.contains { !$0.isComplete }, "some operations are pending")
        let result = history.checkLinearizability(stepLimit: 1_000_000)
        #expect(result.verdict == .linearizable, "\(result)")
        #expect(try KeyValueHistory(json: history.json) == history)
    }

    @Test("a get changed to read what nobody wrote is caught, and its key named", arguments: Seeds.sweep)
    func changedReadIsCaught(seed: UInt64) throws {
        var history = KeyValueHistory(clientOperations: try Self.lossyRunWithCrash(seed: seed).operations)
        let index = try #require(history.operations.lastIndex { if case .get = $0.input { true } else { false } })
        let read = history.operations[index]
        history.operations[index] = HistoryOperation(
            client: read.client, input: read.input, output: (read.output ?? "") + "z", call: read.call, return: read.return)
        #expect(Self.expectViolation(history)?.key == read.input.key)
    }

    /// A get that could be made to read stale: one called after a write returned that was
    /// called after an earlier get on its key returned; with what that earlier get read.
    static func staleRead(in operations: [HistoryOperation]) -> (index: Int, output: String)? {
        let gets = operations.indices.filter { if case .get = operations[$0].input { operations[$0].isComplete } else { false } }
        let writes = operations.filter { if case .get = $0.input { false } else { $0.isComplete } }
        for earlier in gets {
            for later in gets {
                let (first, second) = (operations[earlier], operations[later])
                guard first.input.key == second.input.key, let returned = first.return, let output = first.output else { continue }
                if writes.contains(where: { $0.input.key == first.input.key && returned < $0.call && $0.return! < second.call }) {
                    return (later, output)
                }
            }
        }
        return nil
    }

    /// Every write of `KeyValueWorkload` is unique and no put writes "", so a key's value,
    /// once changed, never comes back: a get after a write cannot read what a get before
    /// the write read.
    @Test("a get changed to read what a get before an intervening write read is caught", arguments: Seeds.sweep)
    func staleReadIsCaught(seed: UInt64) throws {
        var history = KeyValueHistory(clientOperations: try Self.lossyRunWithCrash(seed: seed).operations)
        let (index, output) = try #require(Self.staleRead(in: history.operations), "a get, a write after it, a get after that")
        let read = history.operations[index]
        #expect(read.output != output)
        history.operations[index] = HistoryOperation(
            client: read.client, input: read.input, output: output, call: read.call, return: read.return)
        #expect(Self.expectViolation(history)?.key == read.input.key)
    }

    @Test("a simulation's history leaves out reconfigurations and names clients by number")
    func conversion() throws {
        let simulation = try makeSimulation(seed: 3, clients: 3)
        try simulation.put("k", "v", client: 2)
        _ = try simulation.reconfigure(leaders: 2, acceptors: 3, client: 1)
        try simulation.get("k", client: 0)
        #expect(run(simulation, for: 100_000, until: \.allOperationsCompleted) == .conditionMet)
        let history = KeyValueHistory(clientOperations: simulation.operations)
        let operations = simulation.operations.filter { $0.client != .client(1) }
        #expect(history.operations.map(\.input) == [.put(key: "k", value: "v"), .get(key: "k")])
        #expect(history.operations.map(\.output) == ["", "v"])
        #expect(history.operations.map(\.call) == operations.map(\.call))
        #expect(history.operations.map(\.return) == operations.map(\.return))
        #expect(history.operations.map(\.client) == [2, 0])
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Scenario 2, paper figure 2: two clients send requests at the same time to two replicas.
/// The replicas see the requests in different orders and propose different commands for the
/// same slot; the loser's proposal is displaced and proposed again for a later slot.
@Suite("Two clients, two replicas (paper figure 2)")
struct ConcurrentClientsTests {
    /// Both clients append to one key, three requests each, all queued at time 0. Without
    /// batching, as in the figure: each proposal carries one command.
    static func race(seed: UInt64) throws -> (simulation: KVSimulation, outcome: RunOutcome, trace: TraceRecorder) {
        var settings = Settings()
        settings.batching = nil
        let simulation = try makeSimulation(seed: seed, replicas: 2, clients: 2, settings: settings)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin((1...6).map { .append(key: "k", value: "v\($0)") }, to: simulation)
        let outcome = simulation.run(until: everyReplicaApplied, timeLimit: 100_000)
        return (simulation, outcome, recorder)
    }

    /// The slots each command was proposed for by `replica`, from the trace's
    /// `propose(slot, command)` messages.
    static func proposedSlots(by replica: ProcessID, in trace: TraceRecorder) -> [String: Set<Int>] {
        var slots: [String: Set<Int>] = [:]
        for event in trace.events where event.kind == .send && event.source == replica {
            guard let message = event.message, message.hasPrefix("propose("), let comma = message.firstIndex(of: ",")
            else { continue }
            let slot = Int(message[message.index(message.startIndex, offsetBy: 8)..<comma])!
            var command = message[message.index(comma, offsetBy: 2)...]
            if command.hasSuffix(" again") { command = command.dropLast(6) }
            slots[String(command.dropLast()), default: []].insert(slot)  // drop the closing ")"
        }
        return slots
    }

    @Test("logs agree and every command is executed exactly once", arguments: Seeds.sweep)
    func raceIsSafe(seed: UInt64) throws {
        let (simulation, outcome, _) = try Self.race(seed: seed)
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.operations.allSatisfy { $0.isComplete })
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        for replica in simulation.replicas {
            #expect(replica.operationsApplied == 6, "\(replica.id) executes each of the 6 appends once")
            #expect(replica.sessions[.client(0)]?.requestID == 3)
            #expect(replica.sessions[.client(1)]?.requestID == 3)
        }
        let final = try #require(simulation.replicas.first?.state.storage["k"])
        expectExactlyOnceAppends(simulation.operations, finalValues: ["k": final])
        #expect(KeyValueWorkload.writtenValues(in: final).count == 6, "k = \(final)")
    }

    // With seeds 1…20, 17 seeds displace at least one proposal (1 to 3 per replica); seeds 6,
    // 11 and 19 happen to deliver the requests to both replicas in the same order.
    @Test("across the sweep some replica's proposal is displaced and proposed again for another slot")
    func proposalsAreDisplaced() throws {
        var displacedBySeed: [UInt64: Int] = [:]
        for seed in Seeds.sweep {
            let (simulation, outcome, trace) = try Self.race(seed: seed)
            #expect(outcome == .conditionMet, "seed \(seed)")
            #expect(simulation.violation == nil, "seed \(seed)")
            let displaced = simulation.replicas.map(\.displacedProposals).reduce(0, +)
            guard displaced > 0 else { continue }
            displacedBySeed[seed] = displaced
            for replica in simulation.replicas where replica.displacedProposals > 0 {
                // The displaced command was proposed again: the replica proposed it for at
                // least two different slots, and it still executed every command once.
                let reproposed = Self.proposedSlots(by: replica.id, in: trace).filter { $0.value.count > 1 }
                #expect(reproposed.count >= 1, "seed \(seed): \(replica.id) displaced \(replica.displacedProposals) proposals")
                #expect(replica.operationsApplied == 6, "seed \(seed)")
            }
        }
        #expect(!displacedBySeed.isEmpty, "no seed of the sweep displaced a proposal")
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// Scenario 7: a client reconfigures the deployment to new leaders and acceptors. A
/// reconfiguration decided in slot s takes effect at slot s + WINDOW; from then on only the
/// new configuration decides, so the old one can be switched off.
@Suite("Reconfiguration")
struct ReconfigurationTests {
    /// The slot holding the first reconfiguration in `log`, if any.
    static func reconfigurationSlot(in log: [KVCommand]) -> Int? {
        log.firstIndex { if case .reconfigure = $0.body { true } else { false } }.map { $0 + 1 }
    }

    /// Whether every replica has decided the reconfiguration and every slot before the one
    /// where it takes effect.
    static func reconfigurationInEffect(_ simulation: KVSimulation) -> Bool {
        let window = simulation.options.settings.window
        return simulation.replicas.allSatisfy { replica in
            guard let slot = reconfigurationSlot(in: replica.log) else { return false }
            return replica.slotOut >= slot + window
        }
    }

    /// From slot `first` on, decisions came from `configuration`: old acceptors accepted
    /// nothing there and old leaders were proposed nothing there, while a majority of the new
    /// acceptors accepted each decided command under a new leader's ballot.
    static func expectDecidedByNewConfiguration(
        _ simulation: KVSimulation, from first: Int, old: Configuration, new: Configuration,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let log = try #require(simulation.replicas.map(\.log).max { $0.count < $1.count })
        #expect(log.count >= first, "slots from \(first) on were decided", sourceLocation: sourceLocation)
        for case .acceptor(let index) in old.acceptors {
            let late = simulation.acceptor(index)?.accepted.filter { $0.slot >= first } ?? []
            #expect(late.isEmpty, "old acceptor a\(index) accepted \(late)", sourceLocation: sourceLocation)
        }
        for case .leader(let index) in old.leaders {
            let late = simulation.leader(index)?.proposals.keys.filter { $0 >= first } ?? []
            #expect(late.isEmpty, "old leader l\(index) got proposals for slots \(late.sorted())", sourceLocation: sourceLocation)
        }
        let newLeaders = Set(new.leaders.compactMap { if case .leader(let index) = $0 { index } else { nil } })
        let newAccepted = new.acceptors.compactMap { id -> [PValue<KV>]? in
            guard case .acceptor(let index) = id else { return nil }
            return simulation.acceptor(index)?.accepted
        }
        // Garbage collection dropped the slots below the highest collectedBelow; check the rest.
        let collected = new.acceptors.compactMap { id -> Int? in
            guard case .acceptor(let index) = id else { return nil }
            return simulation.acceptor(index)?.collectedBelow
        }.max() ?? 1
        let logStart = simulation.replicas.map(\.logStart).max() ?? 1
        let checkedFrom = max(first, collected, logStart)
        for slot in checkedFrom..<max(checkedFrom, log.count + 1) {
            let command = log[slot - 1]
            let acceptors = newAccepted.count { accepted in
                accepted.contains { $0.slot == slot && $0.command == command && newLeaders.contains($0.ballot.leader) }
            }
            #expect(acceptors >= new.majority, "slot \(slot) (\(command)) accepted by \(acceptors) new acceptors",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("reconfiguring mid-run: after it takes effect the old leaders and acceptors can all crash",
          arguments: Seeds.sweep)
    func reconfigureMidRun(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 2)
        let old = simulation.initialConfiguration
        try submitRoundRobin(KeyValueWorkload.appends(count: 10, keys: 2, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 4 }) == .conditionMet)

        let new = try simulation.reconfigure(leaders: 2, acceptors: 3, client: 0)
        #expect(new.leaders == [.leader(2), .leader(3)])
        #expect(new.acceptors == [.acceptor(3), .acceptor(4), .acceptor(5)])
        #expect(new.replicas == old.replicas)
        try submitRoundRobin(KeyValueWorkload.appends(count: 10, keys: 2, seed: seed, firstValue: 101), to: simulation)

        let inEffect = run(simulation, for: 100_000, until: Self.reconfigurationInEffect)
        #expect(inEffect == .conditionMet)
        let replica0 = try #require(simulation.replica(0))
        let slot = try #require(Self.reconfigurationSlot(in: replica0.log))
        let effective = slot + simulation.options.settings.window
        let reconfiguration = try #require(simulation.operations.first { if case .reconfigure = $0.body { true } else { false } })
        #expect(reconfiguration.isComplete, "the reconfiguring client was answered")
        #expect(!simulation.allOperationsCompleted, "operations remain for the new configuration")

        // Switch the old configuration off entirely.
        for process in old.leaders + old.acceptors {
            try simulation.schedule(.crash(process), at: simulation.now)
        }
        let outcome = run(simulation, for: 200_000, until: everyReplicaApplied)
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        try Self.expectDecidedByNewConfiguration(simulation, from: effective, old: old, new: new)
        #expect(simulation.replicas.allSatisfy { $0.leaders == new.leaders }, "replicas propose to the new leaders")
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        let values = try #require(try readBack(["k0", "k1"], from: simulation, client: 1))
        expectExactlyOnceAppends(simulation.operations, finalValues: values)
    }

    @Test("with idle clients, no-ops fill the window so the new configuration takes effect without traffic",
          arguments: Seeds.sweep)
    func idleClientsNoopFill(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 2)
        let old = simulation.initialConfiguration
        let window = simulation.options.settings.window
        try submitRoundRobin(KeyValueWorkload.appends(count: 4, keys: 2, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: isSettled) == .conditionMet)
        let decidedBefore = try #require(simulation.replica(0)).slotOut - 1

        let new = try simulation.reconfigure(leaders: 2, acceptors: 3, client: 1)
        let outcome = run(simulation, for: 100_000, until: Self.reconfigurationInEffect)
        #expect(outcome == .conditionMet)
        #expect(simulation.operations.count == 5, "no client sent anything but the reconfiguration")
        #expect(simulation.allOperationsCompleted)

        let replica0 = try #require(simulation.replica(0))
        let slot = try #require(Self.reconfigurationSlot(in: replica0.log))
        #expect(slot == decidedBefore + 1)
        for replica in simulation.replicas {
            #expect(replica.slotOut >= slot + window)
            // The slots between the reconfiguration and the one where it takes effect hold
            // nothing but no-ops: nobody else had anything to propose.
            for filled in slot + 1..<slot + window {
                let command = try #require(replica.decisions[filled])
                #expect(command.body == .noop, "slot \(filled) holds \(command)")
                #expect(command.client == .replica(0) || command.client == .replica(1))
            }
        }

        // The new configuration now serves requests alone.
        for process in old.leaders + old.acceptors {
            try simulation.schedule(.crash(process), at: simulation.now)
        }
        try simulation.put("k9", "after", client: 0)
        try simulation.get("k9", client: 0)
        #expect(run(simulation, for: 100_000, until: everyReplicaApplied) == .conditionMet)
        #expect(simulation.operations.last?.output == "after")
        #expect(simulation.violation == nil)
        try Self.expectDecidedByNewConfiguration(simulation, from: slot + window, old: old, new: new)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
    }
}

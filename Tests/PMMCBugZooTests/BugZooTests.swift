import Testing
import PMMC
import PMMCBugZoo
import PMMCSimulation

/// Every mutant of the bug zoo is caught, by the tool its page in Docs/Verification.md names,
/// with a counterexample of the length given there; the correct protocol, searched the same
/// way, is not.
@Suite("Bug zoo")
struct BugZooTests {
    /// `clients` clients, each appending one command to key k (A, then a), on 2 replicas,
    /// `leaders` leaders and 3 acceptors, with `mutant` installed.
    static func settings(_ mutant: Mutant?, clients: Int, leaders: Int) -> ExplorationSettings<KeyValueStore> {
        let workload: [[KeyValueStore.Operation]] = [[.append(key: "k", value: "A")], [.append(key: "k", value: "a")]]
        var settings = ExplorationSettings<KeyValueStore>(replicas: 2, leaders: leaders, acceptors: 3, workload: Array(workload.prefix(clients)))
        settings.maxDepth = 100
        mutant?.install(into: &settings)
        return settings
    }

    /// Random walks, seed 1, as `pmmc explore --walks 1000` takes them.
    static func walk(_ mutant: Mutant?, clients: Int = 2, leaders: Int = 2, walks: Int = 1_000) throws -> ExplorationResult<KeyValueStore> {
        try Explorer(settings(mutant, clients: clients, leaders: leaders)).walk(walks, seed: 1)
    }

    static func invariant(of result: ExplorationResult<KeyValueStore>) -> Invariant? {
        if case .invariant(let violation)? = result.violation { return violation.invariant }
        return nil
    }

    @Test("the correct protocol passes the walks that catch the mutants")
    func controls() throws {
        for leaders in 1...2 {
            let result = try Self.walk(nil, leaders: leaders, walks: 200)
            #expect(result.violation == nil, "\(leaders) leaders: \(String(describing: result.violation))")
            guard case .bound(.walks) = result.outcome else { Issue.record("outcome \(result.outcome)"); continue }
        }
        let exhaustive = try Explorer(Self.settings(nil, clients: 1, leaders: 1)).run()
        #expect(exhaustive.violation == nil)
    }

    /// Breadth-first: the shortest schedule. l0's scout is adopted by a1 and a2 (p1a and p1b
    /// to each, adopted: 5 steps), the request and its propose reach l0 (2), and the
    /// commander's p2a reaches a0 before a0 has seen any p1a (1): a0 accepts at ballot ⊥.
    @Test("accept-without-adopting: A2 in the shortest schedule, 8 steps")
    func acceptWithoutAdopting() throws {
        let result = try Explorer(Self.settings(.acceptWithoutAdopting, clients: 1, leaders: 1)).run()
        #expect(Self.invariant(of: result) == .a2)
        #expect(result.schedule.count == 8)
    }

    /// The minimum by hand: each leader's scout adopted on one p1a and p1b (3 steps each), a
    /// request and its propose to each leader (2 each), each commander deciding on one p2a
    /// and p2b (2 each), and the two decisions reaching the two replicas (2): 16.
    @Test("inverted-quorum: R1 after random walks, shrunk to 16 steps")
    func invertedQuorum() throws {
        let result = try Self.walk(.invertedQuorum)
        #expect(Self.invariant(of: result) == .r1)
        #expect(result.schedule.count == 16)
    }

    @Test("mixed-ballot-quorum: R1 after random walks, shrunk to 24 steps")
    func mixedBallotQuorum() throws {
        let result = try Self.walk(.mixedBallotQuorum)
        #expect(Self.invariant(of: result) == .r1)
        #expect(result.schedule.count == 24)
    }

    @Test("skip-pmax: A5 after random walks, shrunk to 20 steps")
    func skipPmax() throws {
        let result = try Self.walk(.skipPmax)
        #expect(Self.invariant(of: result) == .a5)
        #expect(result.schedule.count == 20)
    }

    @Test("stale-preempted: C1 after random walks, shrunk to 41 steps")
    func stalePreempted() throws {
        let result = try Self.walk(.stalePreempted)
        #expect(Self.invariant(of: result) == .c1)
        #expect(result.schedule.count == 41)
    }

    /// A liveness failure: with every message delivered, one operation never completes.
    @Test("no-reproposal: stuck with an operation pending, after random walks, shrunk to 33 steps")
    func noReproposal() throws {
        let result = try Self.walk(.noReproposal, leaders: 1)
        #expect(result.violation == .stuck(operationsLeft: 1))
        #expect(result.schedule.count == 33)
        #expect(result.finalState?.network.isEmpty == true)
    }

    @Test("a shrunk counterexample cannot lose a step and keep its violation")
    func shrunkIsMinimal() throws {
        let explorer = Explorer(Self.settings(.invertedQuorum, clients: 2, leaders: 2))
        let schedule = try Self.walk(.invertedQuorum).schedule
        for index in schedule.indices {
            var shorter = schedule
            shorter.remove(at: index)
            if let reached = try? explorer.state(after: shorter) {
                #expect(Set(reached.replicas.compactMap { $0.decisions[1] }).count < 2, "step \(index + 1) left out")
            }
        }
    }

    /// As `pmmc simulate --mutant accept-without-adopting --operations 20 --loss 0.1
    /// --broadcast-requests` runs
    /// them: seeds 4 and 5 deliver a p2a to a0 before any p1a.
    @Test("a mutant installs into a simulation, where the invariant monitor catches it")
    func inSimulation() throws {
        var caught: [UInt64: InvariantViolation] = [:]
        for seed in UInt64(1)...5 {
            let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(
                seed: seed, clients: 4, settings: Settings(broadcastRequests: true), network: NetworkModel(latency: 1...10, lossRate: 0.1)))
            try Mutant.acceptWithoutAdopting.install(into: simulation)
            guard case .custom? = simulation.process(.acceptor(0)) else { Issue.record("a0 not replaced"); return }
            for (number, operation) in KeyValueWorkload.random(count: 20, keys: 10, seed: seed).enumerated() {
                try simulation.submit(operation, client: number % 4)
            }
            if case .violation(let violation) = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 20_000) {
                caught[seed] = violation
            }
        }
        #expect(caught.keys.sorted() == [4, 5])
        #expect(caught.values.allSatisfy { $0.invariant == .a2 && $0.processes == [.acceptor(0)] })
    }
}

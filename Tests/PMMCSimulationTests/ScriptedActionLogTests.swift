import PMMC
import PMMCSimulation
import Testing

@Suite struct ScriptedActionLogTests {
    func options() -> SimulationOptions {
        SimulationOptions(seed: 5, replicas: 2, leaders: 2, acceptors: 3, clients: 1, network: NetworkModel(latency: 1...4))
    }

    @Test func theLogRecordsScriptedCallsAndAForkKeepsIt() throws {
        let simulation = try Simulation<KeyValueStore>(options: options())
        try simulation.put("k", "v", client: 0)
        try simulation.start(.leader(0))
        let p1a = try #require(simulation.pendingMessages(kind: .p1a).first)
        try simulation.drop(p1a.id)
        try simulation.crash(.acceptor(2))
        try simulation.schedule(.heal, at: 50)
        simulation.run(timeLimit: 20)
        let fork = simulation.fork()
        #expect(fork.log == simulation.log)
        #expect(simulation.log.prefix(5) == [
            .submit(.operation(.put(key: "k", value: "v")), client: 0), .perform(0), .drop(p1a.id), .crash(.acceptor(2)), .schedule(.heal, at: 50),
        ])
        guard case .run(let events)? = simulation.log.last else {
            Issue.record("a run that handled events is logged")
            return
        }
        #expect(events > 0)
    }

    @Test func replayingTheLogOnAFreshSimulationRebuildsTheRun() throws {
        let simulation = try Simulation<KeyValueStore>(options: options())
        try simulation.put("k", "v", client: 0)
        try simulation.start(.leader(1))
        simulation.run(until: { $0.replicas.allSatisfy { $0.slotOut == 2 } }, timeLimit: 10_000)
        let request = try #require(simulation.pending.first { $0.envelope != nil })
        try simulation.inject(request.envelope!.message, from: request.envelope!.source, to: request.envelope!.destination)
        try simulation.append("k", "w", client: 0)
        simulation.run(timeLimit: simulation.now + 300)
        let copy = try Simulation<KeyValueStore>(options: options())
        for action in simulation.log {
            try copy.replay(action)
        }
        #expect(copy.log == simulation.log)
        #expect(copy.now == simulation.now)
        #expect(copy.pending.map(\.description) == simulation.pending.map(\.description))
        #expect(copy.replicas.map { $0.log.map(\.description) } == simulation.replicas.map { $0.log.map(\.description) })
        #expect(copy.replicas.first?.log.map(\.description) == ["Put k v", "App k w"])
    }

    /// `pmmc simulate` submits a long workload and never replays it: without `keepsLog` the
    /// log does not grow with it, and the run is the same.
    @Test func withoutKeepsLogNothingIsRecordedAndTheRunIsTheSame() throws {
        var quiet = options()
        quiet.keepsLog = false
        let logged = try Simulation<KeyValueStore>(options: options())
        let unlogged = try Simulation<KeyValueStore>(options: quiet)
        for simulation in [logged, unlogged] {
            for index in 0..<50 {
                try simulation.append("k", "v\(index)", client: 0)
            }
            try simulation.schedule(.crash(.leader(0)), at: 100)
            simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 100_000)
        }
        #expect(logged.log.count >= 52)
        #expect(unlogged.log.isEmpty)
        #expect(unlogged.fork().log.isEmpty)
        #expect(unlogged.now == logged.now)
        #expect(unlogged.replicas.map { $0.log.map(\.description) } == logged.replicas.map { $0.log.map(\.description) })
        #expect(unlogged.completedOperationCount == 50)
    }
}

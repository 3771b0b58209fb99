import PMMC
import PMMCSimulation
import PMMCTesting
import Testing

/// Scenario: a cluster, a workload dealt out round-robin, a fault profile.
@Suite("Scenarios")
struct ScenarioTests {
    @Test("a scenario's simulation has the profile's network, its faults scheduled and its workload dealt round-robin")
    func built() throws {
        let scenario = Scenario(seed: 8, profile: .chaos, operations: 25, clients: 4)
        let simulation = try scenario.makeSimulation()
        #expect(simulation.options == scenario.options)
        #expect(simulation.options.network == FaultProfile.chaos.network)
        let scheduled = simulation.pending.compactMap { event -> ScheduledFault? in
            if case .fault(let fault) = event.kind { ScheduledFault(fault, at: event.time) } else { nil }
        }
        #expect(Set(scheduled) == Set(scenario.faults))
        #expect(scheduled.count == 4 + 3, "two partitions and their heals, and one crash of each role")

        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: 300_000) == .conditionMet)
        #expect(scenario.operations == KeyValueWorkload.appends(count: 25, keys: 3, seed: 8))
        for client in 0..<4 {
            let dealt = scenario.operations.enumerated().filter { $0.offset % 4 == client }.map { Command<KeyValueStore>.Body.operation($0.element) }
            #expect(simulation.operations.filter { $0.client == .client(client) }.map(\.body) == dealt)
        }
    }

    @Test("the same scenario twice gives the same run")
    func deterministic() throws {
        let scenario = Scenario(seed: 12, profile: .chaos, operations: 30)
        let runs = try (0..<2).map { _ in
            let simulation = try scenario.makeSimulation()
            simulation.run(until: \.allOperationsCompleted, timeLimit: 300_000)
            return (simulation.now, simulation.replicas.map(\.log), simulation.operations.map { "\($0.call) \($0.return ?? -1) \($0.output ?? "-")" })
        }
        #expect(runs[0].0 == runs[1].0 && runs[0].1 == runs[1].1 && runs[0].2 == runs[1].2)
    }

    @Test("a scenario of any state machine runs its operations")
    func anyStateMachine() throws {
        let scenario = Scenario<Tally>(seed: 3, profile: .lossy, operations: Array(1...12), clients: 2)
        let simulation = try scenario.makeSimulation()
        #expect(waitForConvergence(simulation, within: 100_000))
        #expect(simulation.replicas.allSatisfy { $0.state.total == 78 })
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
    }

    @Test("a scenario whose cluster is not valid throws, and has no faults")
    func invalid() throws {
        let scenario = Scenario(seed: 1, operations: 3, acceptors: 0)
        #expect(throws: SimulationError.invalidOption("acceptors must be at least 1, got 0")) { try scenario.makeSimulation() }
        #expect(scenario.faults.isEmpty)
        #expect(throws: SimulationError.invalidOption("a workload needs at least one client")) {
            try Scenario(seed: 1, operations: 3, clients: 0).makeSimulation()
        }
        #expect(try Scenario(seed: 1, operations: 0, clients: 0).makeSimulation().operations.isEmpty)
    }
}

/// A state machine that adds numbers up and answers the total.
struct Tally: StateMachine {
    var total = 0

    mutating func apply(_ amount: Int) -> Int {
        total += amount
        return total
    }
}

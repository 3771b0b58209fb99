import Testing
import PMMC
import PMMCSimulation

/// Bad options and bad driving calls are refused with a `SimulationError`, before they can
/// produce a meaningless run.
@Suite("Option validation")
struct OptionValidationTests {
    /// The reason of an `.invalidOption` error, or `nil` for any other outcome.
    static func invalidOptionReason(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as SimulationError {
            if case .invalidOption(let reason) = error { return reason }
            return nil
        } catch {
            return nil
        }
    }

    static func simulation(_ options: SimulationOptions) throws {
        _ = try KVSimulation(options: options)
    }

    @Test("the defaults are valid")
    func defaultsAreValid() throws {
        let simulation = try KVSimulation(options: SimulationOptions())
        #expect(simulation.initialConfiguration.acceptors.count == 3)
        #expect(simulation.initialConfiguration.leaders.count == 2)
        #expect(simulation.replicas.count == 2)
    }

    @Test("zero acceptors, leaders or replicas are refused")
    func emptyRoles() {
        let acceptors = Self.invalidOptionReason { try Self.simulation(SimulationOptions(acceptors: 0)) }
        #expect(acceptors?.contains("acceptors") == true, "\(acceptors ?? "no error")")
        let leaders = Self.invalidOptionReason { try Self.simulation(SimulationOptions(leaders: 0)) }
        #expect(leaders?.contains("leaders") == true, "\(leaders ?? "no error")")
        let replicas = Self.invalidOptionReason { try Self.simulation(SimulationOptions(replicas: 0)) }
        #expect(replicas?.contains("replicas") == true, "\(replicas ?? "no error")")
        let clients = Self.invalidOptionReason { try Self.simulation(SimulationOptions(clients: -1)) }
        #expect(clients?.contains("clients") == true, "\(clients ?? "no error")")
    }

    @Test("WINDOW 0 and non-positive intervals are refused")
    func windowAndIntervals() {
        let window = Self.invalidOptionReason { try Self.simulation(SimulationOptions(settings: Settings(window: 0))) }
        #expect(window?.contains("window") == true, "\(window ?? "no error")")
        let retransmit = Self.invalidOptionReason {
            try Self.simulation(SimulationOptions(settings: Settings(phaseRetransmit: 0)))
        }
        #expect(retransmit?.contains("phase retransmit") == true, "\(retransmit ?? "no error")")
        let ping = Self.invalidOptionReason {
            try Self.simulation(SimulationOptions(settings: Settings(failureDetection: .init(pingInterval: 0))))
        }
        #expect(ping?.contains("ping interval") == true, "\(ping ?? "no error")")
        // Without failure detection there is no ping interval to check.
        #expect(Self.invalidOptionReason { try Self.simulation(SimulationOptions(settings: .paper())) } == nil)
    }

    @Test("a loss or duplication rate of 1 and a negative latency are refused")
    func network() {
        let loss = Self.invalidOptionReason { try Self.simulation(SimulationOptions(network: NetworkModel(lossRate: 1.0))) }
        #expect(loss?.contains("loss") == true, "\(loss ?? "no error")")
        let duplication = Self.invalidOptionReason {
            try Self.simulation(SimulationOptions(network: NetworkModel(duplicationRate: 1.0)))
        }
        #expect(duplication?.contains("duplication") == true, "\(duplication ?? "no error")")
        let negativeLoss = Self.invalidOptionReason { try Self.simulation(SimulationOptions(network: NetworkModel(lossRate: -0.1))) }
        #expect(negativeLoss != nil)
        let latency = Self.invalidOptionReason { try Self.simulation(SimulationOptions(network: NetworkModel(latency: -1...5))) }
        #expect(latency?.contains("latency") == true, "\(latency ?? "no error")")
        // Zero latency and a 0.99 loss rate are allowed.
        #expect(Self.invalidOptionReason {
            try Self.simulation(SimulationOptions(network: NetworkModel(latency: 0...0, lossRate: 0.99)))
        } == nil)
    }

    @Test("a fault in the past, for an unknown process, or with a bad network model is refused")
    func faults() throws {
        let simulation = try makeSimulation(seed: 1, clients: 1)
        try simulation.put("k", "v", client: 0)
        simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 10_000)
        #expect(simulation.now > 0)
        let past = Self.invalidOptionReason { try simulation.schedule(.crash(.leader(0)), at: simulation.now - 1) }
        #expect(past?.contains("before the current time") == true, "\(past ?? "no error")")
        #expect(throws: SimulationError.unknownProcess(.leader(7))) {
            try simulation.schedule(.crash(.leader(7)), at: simulation.now + 1)
        }
        #expect(throws: SimulationError.unknownProcess(.acceptor(3))) {
            try simulation.schedule(.partition([[.acceptor(0)], [.acceptor(3)]]), at: simulation.now + 1)
        }
        let network = Self.invalidOptionReason {
            try simulation.schedule(.network(NetworkModel(lossRate: 1)), at: simulation.now + 1)
        }
        #expect(network?.contains("loss") == true, "\(network ?? "no error")")
        // The current time itself is fine.
        try simulation.schedule(.heal, at: simulation.now)
    }

    @Test("submitting for an unknown client, or replacing an unknown process, is refused")
    func unknownClientAndProcess() throws {
        let simulation = try makeSimulation(seed: 1, clients: 2)
        #expect(throws: SimulationError.unknownProcess(.client(2))) { try simulation.put("k", "v", client: 2) }
        #expect(throws: SimulationError.unknownProcess(.client(5))) {
            try simulation.reconfigure(leaders: 1, acceptors: 1, client: 5)
        }
        #expect(throws: SimulationError.unknownProcess(.acceptor(9))) {
            try simulation.replace(.acceptor(9), with: AcceptEverythingAcceptor(id: .acceptor(9)))
        }
        let misnamed = Self.invalidOptionReason {
            try simulation.replace(.acceptor(0), with: AcceptEverythingAcceptor(id: .acceptor(1)))
        }
        #expect(misnamed != nil)
        #expect(simulation.operations.isEmpty, "refused requests leave no trace in the history")
    }
}

import PMMC
import PMMCSimulation
import PMMCTesting
import Testing

/// Each assertion passes on healthy runs, and on a crafted bad run fails with a message that
/// names what differs.
@Suite("Assertions")
struct AssertionTests {
    @Test("every assertion passes on a healthy run", arguments: FaultProfile.allCases, 1...3)
    func healthyRunsPass(profile: FaultProfile, seed: UInt64) throws {
        let simulation = try Scenario(seed: seed, profile: profile, operations: 30).makeSimulation()
        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: 300_000) == .conditionMet)
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
        expectOutputsMatchReplay(simulation)
        expectExactlyOnceAppends(simulation)
    }

    // MARK: expectLogsAgree

    @Test("expectLogsAgree names both replicas, the slot and the two commands")
    func logsDisagree() throws {
        let simulation = try scriptedSimulation(replicas: 3)
        let shared = command(.put(key: "k", value: "a"))
        for replica in 0..<3 {
            try decide(shared, slot: 1, at: replica, in: simulation)
        }
        try decide(command(.append(key: "k", value: "b"), requestID: 2), slot: 2, at: 0, in: simulation)
        try decide(command(.get(key: "k"), client: 1), slot: 2, at: 2, in: simulation)

        #expect(issues { expectLogsAgree(simulation) } == [
            "r2 applied c1#1 Get k in slot 2, where r0 applied c0#2 App k b",
        ])
    }

    @Test("expectLogsAgree accepts a replica that is behind")
    func replicaBehind() throws {
        let simulation = try scriptedSimulation(replicas: 2)
        try decide(command(.put(key: "k", value: "a")), slot: 1, at: 0, in: simulation)
        try decide(command(.put(key: "k", value: "a")), slot: 1, at: 1, in: simulation)
        try decide(command(.append(key: "k", value: "b"), requestID: 2), slot: 2, at: 0, in: simulation)
        #expect(simulation.replicas.map(\.log.count) == [2, 1])
        expectLogsAgree(simulation)
    }

    // MARK: expectOutputsMatchReplay

    @Test("expectOutputsMatchReplay names the request, the replica whose log it replayed and the slot")
    func wrongOutput() throws {
        let simulation = try scriptedSimulation()
        try simulation.put("k", "a", client: 0)
        try simulation.get("k", client: 0)
        try answer("", requestID: 1, in: simulation)
        try answer("b", requestID: 2, in: simulation)
        try decide(command(.put(key: "k", value: "a")), slot: 1, in: simulation)
        try decide(command(.get(key: "k"), requestID: 2), slot: 2, in: simulation)

        #expect(issues { expectOutputsMatchReplay(simulation) } == [
            #"c0#2 Get k answered "b", but r0's log replayed gives "a" at slot 2"#,
        ])
    }

    @Test("expectOutputsMatchReplay reports an answered operation that no log holds")
    func answeredButNotDecided() throws {
        let simulation = try scriptedSimulation()
        try simulation.append("k", "a", client: 0)
        try answer("", in: simulation)

        #expect(issues { expectOutputsMatchReplay(simulation) } == [
            "c0#1 App k a completed but is not in r0's log, the longest",
        ])
    }

    @Test("expectOutputsMatchReplay reports an operation decided before one that returned before it was called")
    func realTimeOrderBroken() throws {
        let simulation = try scriptedSimulation(clients: 2)
        try simulation.put("k", "a", client: 0)
        try answer("", in: simulation)
        try simulation.drop(.request, from: .client(0))             // a tick passes
        try simulation.get("k", client: 1)
        try decide(command(.get(key: "k"), client: 1), slot: 1, in: simulation)
        try decide(command(.put(key: "k", value: "a")), slot: 2, in: simulation)
        try simulation.deliver(.response, to: .client(1))
        let put = simulation.operations[0], get = simulation.operations[1]
        #expect(get.output == "")

        #expect(issues { expectOutputsMatchReplay(simulation) } == [
            "c0#1 Put k a returned at t=\(put.return!) before c1#1 Get k was called at t=\(get.call), but holds slot 2 of r0's log, after 1",
        ])
    }

    // MARK: expectExactlyOnceAppends

    /// The history of a fault-free run in which c0 appends `v1` and then `v2` to `k`, and c1,
    /// called after both returned, appends `v3`.
    static func appendHistory() throws -> [ClientOperation<KeyValueStore>] {
        let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(seed: 3, clients: 2))
        try simulation.append("k", "v1", client: 0)
        try simulation.append("k", "v2", client: 0)
        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: 100_000) == .conditionMet)
        let returned = simulation.now
        simulation.run(until: { $0.now > returned }, timeLimit: returned + 1_000)
        try simulation.append("k", "v3", client: 1)
        #expect(simulation.run(until: \.allOperationsCompleted, timeLimit: simulation.now + 100_000) == .conditionMet)
        let operations = simulation.operations
        try #require(operations.count == 3 && operations[1].return! < operations[2].call)
        return operations
    }

    @Test("expectExactlyOnceAppends passes on the values the appends wrote")
    func appendsOnce() throws {
        expectExactlyOnceAppends(try Self.appendHistory(), finalValues: ["k": "v1v2v3"])
    }

    @Test("expectExactlyOnceAppends names the key, the value and the request", arguments: [
        ("v1v2v3v3", #"v3 of c1#1 App k v3 appears twice in k = "v1v2v3v3""#),
        ("v1v3", #"completed c0#2 App k v2 is missing from k = "v1v3""#),
        ("v1v2v3v4", #"k = "v1v2v3v4" holds v4, which no client wrote to k"#),
        ("v2v1v3", #"c0's c0#1 App k v1 follows its later c0#2 App k v2 in k = "v2v1v3""#),
    ])
    func appendsNotOnce(finalValue: String, expected: String) throws {
        let operations = try Self.appendHistory()
        #expect(issues { expectExactlyOnceAppends(operations, finalValues: ["k": finalValue]) } == [expected])
    }

    @Test("expectExactlyOnceAppends reports an append that follows one called after it returned")
    func appendsOutOfRealTimeOrder() throws {
        let operations = try Self.appendHistory()
        let returned = try #require(operations[1].return)
        #expect(issues { expectExactlyOnceAppends(operations, finalValues: ["k": "v1v3v2"]) } == [
            #"c0#2 App k v2 returned at t=\#(returned) before c1#1 App k v3 was called at t=\#(operations[2].call), but follows it in k = "v1v3v2""#,
        ])
    }

    @Test("expectExactlyOnceAppends on a simulation reads the state of the replica furthest ahead")
    func appendAppliedTwice() throws {
        let simulation = try scriptedSimulation(replicas: 2)
        try simulation.append("k", "v1", client: 0)
        let append = command(.append(key: "k", value: "v1"))
        try decide(append, slot: 1, at: 1, in: simulation)
        try decide(command(.append(key: "k", value: "v1"), requestID: 2), slot: 2, at: 1, in: simulation)
        try simulation.deliver(.response, to: .client(0))

        #expect(issues { expectExactlyOnceAppends(simulation) } == [
            #"v1 of c0#1 App k v1 appears twice in k = "v1v1""#,
        ])
    }
}

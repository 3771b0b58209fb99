import Testing
import PMMC
import PMMCSimulation
import PMMCTesting
import PMMCTrace

/// Restart (`Fault.restart`, `Simulation.restart`): a crashed process comes back with the role
/// state it had, loses its timers and a leader's scouts and commanders, and takes part again.
@Suite("Restart")
struct RestartTests {
    /// Runs until `process` is crashed, with `fault` scheduled now.
    private func crash(_ process: ProcessID, in simulation: KVSimulation) throws {
        try simulation.schedule(.crash(process), at: simulation.now)
        simulation.run(until: { $0.isCrashed(process) }, timeLimit: simulation.now)
        #expect(simulation.isCrashed(process))
    }

    @Test("acceptors crashed and restarted keep ballot_num and accepted; a majority down and back loses nothing",
          arguments: Seeds.sweep)
    func acceptorsKeepTheirState(seed: UInt64) throws {
        // Without garbage collection, so that accepted only grows.
        let simulation = try makeSimulation(seed: seed, clients: 2, settings: Settings(garbageCollection: false))
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.random(count: 30, keys: 3, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 5 }) == .conditionMet)
        try crash(.acceptor(0), in: simulation)
        try crash(.acceptor(1), in: simulation)
        let frozen = [try #require(simulation.acceptor(0)), try #require(simulation.acceptor(1))]
        let decidedBefore = simulation.statistics.slotsDecided
        run(simulation, for: 300)
        #expect(simulation.acceptor(0) == frozen[0] && simulation.acceptor(1) == frozen[1])
        #expect(simulation.statistics.slotsDecided <= decidedBefore + 2 * simulation.options.settings.window,
                "with a majority down, nothing new is chosen")
        try simulation.restart(.acceptor(0))
        try simulation.restart(.acceptor(1))
        #expect(!simulation.isCrashed(.acceptor(0)) && !simulation.isCrashed(.acceptor(1)))
        #expect(simulation.acceptor(0) == frozen[0] && simulation.acceptor(1) == frozen[1], "the state survives the restart")

        #expect(run(simulation, for: 200_000, until: everyReplicaApplied) == .conditionMet)
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
        let restarted = try #require(simulation.acceptor(0))
        #expect(restarted.ballotNumber >= frozen[0].ballotNumber)
        #expect(frozen[0].accepted.allSatisfy(restarted.accepted.contains), "accepted never shrinks across the restart")
        let afterRestart = recorder.events(after: .restart)
        #expect(afterRestart.contains { $0.kind == .deliver && $0.destination == .acceptor(0) }, "a0 receives again")
        #expect(afterRestart.contains { $0.kind == .send && $0.source == .acceptor(0) }, "a0 answers again")
    }

    @Test("a leader crashed and restarted competes again with a higher ballot, and every operation completes",
          arguments: Seeds.sweep)
    func leaderComesBackWithAHigherBallot(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 3)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.random(count: 30, keys: 3, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 5 }) == .conditionMet)
        try crash(.leader(0), in: simulation)
        try crash(.leader(1), in: simulation)
        let frozen = try #require(simulation.leader(0))
        let children = simulation.processIDs.filter { $0.host == .leader(0) && $0 != .leader(0) }
        run(simulation, for: 200)
        try simulation.restart(.leader(0))

        let restarted = try #require(simulation.leader(0))
        #expect(!restarted.active)
        #expect(restarted.ballotNumber > frozen.ballotNumber, "a ballot above every one it used")
        #expect(restarted.ballotNumber.round == frozen.ballotNumber.round + 1)
        #expect(restarted.proposals == frozen.proposals, "its proposals survive")
        #expect(children.allSatisfy { simulation.process($0) == nil }, "its old scouts and commanders are gone")
        #expect(simulation.processIDs.contains(.scout(leader: 0, number: frozen.childrenSpawned + 1)), "it has a new scout")
        let restartedAt = simulation.now

        #expect(run(simulation, for: 200_000, until: everyReplicaApplied) == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.allOperationsCompleted)
        expectLogsAgree(simulation)
        let adoption = try #require(simulation.statistics.adoptions.last)
        #expect(adoption.leader == .leader(0) && adoption.time >= restartedAt && adoption.ballot >= restarted.ballotNumber)
        let exits = recorder.events(after: .restart).prefix(while: { $0.kind == .exit })
        #expect(exits.count == children.count, "each lost child's exit is traced at the restart")
    }

    @Test("a replica crashed and restarted catches up with the others", arguments: Seeds.sweep)
    func replicaCatchesUp(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 3)
        try submitRoundRobin(KeyValueWorkload.random(count: 40, keys: 4, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { completedCount($0) >= 3 }) == .conditionMet)
        try crash(.replica(1), in: simulation)
        let frozen = try #require(simulation.replica(1))
        #expect(run(simulation, for: 200_000, until: \.allOperationsCompleted) == .conditionMet)
        #expect(simulation.replica(1) == frozen)
        try simulation.restart(.replica(1))
        #expect(simulation.replica(1)?.slotOut == frozen.slotOut, "it keeps what it had executed")

        let caughtUp = run(simulation, for: 100_000) { simulation in
            simulation.replicas[1].slotOut == simulation.replicas[0].slotOut && simulation.replicas[1].state == simulation.replicas[0].state
        }
        #expect(caughtUp == .conditionMet)
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
    }

    @Test("a client crashed with a request in flight and restarted completes its whole workload", arguments: Seeds.sweep)
    func clientResumes(seed: UInt64) throws {
        let simulation = try makeSimulation(seed: seed, clients: 2)
        try submitRoundRobin(KeyValueWorkload.random(count: 20, keys: 2, seed: seed), to: simulation)
        #expect(run(simulation, for: 100_000, until: { $0.client(0)?.isIdle == false && completedCount($0) >= 2 }) == .conditionMet)
        try crash(.client(0), in: simulation)
        run(simulation, for: 500)
        #expect(!simulation.allOperationsCompleted)
        try simulation.restart(.client(0))
        #expect(run(simulation, for: 200_000, until: everyReplicaApplied) == .conditionMet)
        #expect(simulation.allOperationsCompleted)
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
    }

    @Test("a restart of a process that is not crashed then is a clear error, and changes nothing")
    func restartNeedsACrash() throws {
        let simulation = try makeSimulation(seed: 1)
        #expect(throws: SimulationError.notCrashed(.acceptor(0), time: 1)) { try simulation.restart(.acceptor(0)) }
        #expect(throws: SimulationError.notCrashed(.leader(1), time: 30)) { try simulation.schedule(.restart(.leader(1)), at: 30) }
        #expect(throws: SimulationError.unknownProcess(.replica(9))) { try simulation.restart(.replica(9)) }
        #expect(throws: SimulationError.unknownProcess(.scout(leader: 0, number: 1))) {
            try simulation.schedule(.restart(.scout(leader: 0, number: 1)), at: 30)
        }
        try simulation.schedule(.crash(.leader(1)), at: 10)
        try simulation.schedule(.restart(.leader(1)), at: 20)
        #expect(throws: SimulationError.notCrashed(.leader(1), time: 40)) { try simulation.schedule(.restart(.leader(1)), at: 40) }
        #expect(throws: SimulationError.notCrashed(.leader(1), time: 20), "a restart at 10 goes after the crash at 10, and leaves the one at 20 nothing") {
            try simulation.schedule(.restart(.leader(1)), at: 10)
        }
        let restart = try #require(simulation.pending.first { if case .fault(.restart(.leader(1))) = $0.kind { true } else { false } })
        #expect(throws: SimulationError.notCrashed(.leader(1), time: 1), "performed before the crash, it finds l1 running") {
            try simulation.perform(restart.id)
        }
        try simulation.crash(.leader(0))
        try simulation.schedule(.restart(.leader(0)), at: 50)
        #expect(throws: SimulationError.notCrashed(.leader(0), time: 50), "restarting now would leave the one at 50 nothing to restart") {
            try simulation.restart(.leader(0))
        }
        #expect(simulation.log == [
            .schedule(.crash(.leader(1)), at: 10), .schedule(.restart(.leader(1)), at: 20), .crash(.leader(0)), .schedule(.restart(.leader(0)), at: 50),
        ])
        #expect(SimulationError.notCrashed(.acceptor(0), time: 1).description == "a0 is not crashed at t=1; only a crashed process can restart")
    }

    @Test("scheduled crashes and restarts are traced, counted as faults, replay from the log and read back from a trace file")
    func tracedCountedAndReplayed() throws {
        let simulation = try makeSimulation(seed: 4)
        let recorder = TraceRecorder(simulation)
        try submitRoundRobin(KeyValueWorkload.random(count: 20, keys: 2, seed: 4), to: simulation)
        try simulation.schedule(.crash(.leader(1)), at: 40)
        try simulation.schedule(.crash(.acceptor(2)), at: 60)
        try simulation.schedule(.restart(.acceptor(2)), at: 200)
        try simulation.schedule(.restart(.leader(1)), at: 300)
        #expect(simulation.run(until: everyReplicaApplied, timeLimit: 200_000) == .conditionMet)
        #expect(simulation.violation == nil)
        #expect(simulation.statistics.faults.map { "\($0.fault) at t=\($0.time)" }
            == ["crash l1 at t=40", "crash a2 at t=60", "restart a2 at t=200", "restart l1 at t=300"])
        #expect(recorder.events.filter { $0.kind == .restart }.map { "\($0.source!) \($0.time)" } == ["a2 200", "l1 300"])

        let written = TraceFile(header: .simulator(arguments: []), events: recorder.events)
        #expect(try TraceFile(parsing: written.text) == written)

        let replayed = try makeSimulation(seed: 4)
        let again = TraceRecorder(replayed)
        for action in simulation.log { try replayed.replay(action) }
        #expect(again.events == recorder.events)
    }
}

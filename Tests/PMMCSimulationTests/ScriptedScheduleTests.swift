import Testing
import PMMC
import PMMCSimulation
import PMMCTrace

/// The scripted schedule: a test (or a walk-through) picks which pending event happens next.
@Suite struct ScriptedScheduleTests {
    /// One leader or two, three acceptors, one replica; a fixed latency, so the random
    /// schedule draws nothing.
    private func scripted(leaders: Int = 1, settings: Settings = .paper()) throws -> KVSimulation {
        try makeSimulation(seed: 1, replicas: 1, leaders: leaders, acceptors: 3, clients: 1,
                           settings: settings, network: NetworkModel(latency: 1...1))
    }

    private func traced(_ simulation: KVSimulation) -> () -> [TraceEvent] {
        final class Box: @unchecked Sendable { var events: [TraceEvent] = [] }
        let box = Box()
        simulation.trace = { box.events.append($0) }
        return { box.events }
    }

    @Test func leadersWaitToBeStartedAndMessagesToBeDelivered() throws {
        let simulation = try scripted()
        #expect(simulation.pending.map(\.description) == ["#0 @0 start l0"])
        try simulation.start(.leader(0))
        #expect(simulation.pendingMessages(kind: .p1a).map { $0.envelope!.destination } == [.acceptor(0), .acceptor(1), .acceptor(2)])
        try simulation.deliver(.p1a, to: .acceptor(2))
        #expect(simulation.acceptor(2)!.ballotNumber == Ballot(round: 0, leader: 0))
        #expect(simulation.acceptor(0)!.ballotNumber == .bottom)
        #expect(simulation.now == 2)
    }

    @Test func droppedMessageIsTracedAndGone() throws {
        let simulation = try scripted()
        let events = traced(simulation)
        try simulation.start(.leader(0))
        let lost = try simulation.drop(.p1a, to: .acceptor(1))
        #expect(lost.destination == .acceptor(1))
        #expect(simulation.pendingMessages(to: .acceptor(1)).isEmpty)
        let drop = try #require(events().last)
        #expect(drop.kind == .drop && drop.reason == .schedule && drop.destination == .acceptor(1))
        #expect(throws: SimulationError.noSuchEvent("p1a to a1")) { try simulation.deliver(.p1a, to: .acceptor(1)) }
    }

    @Test func firedTimerResendsToAcceptorsStillAwaited() throws {
        let simulation = try scripted()
        try simulation.start(.leader(0))
        for acceptor in 0..<3 { try simulation.drop(.p1a, to: .acceptor(acceptor)) }
        try simulation.fire(.phaseRetransmit, of: .scout(leader: 0, number: 1))
        #expect(simulation.pendingMessages(kind: .p1a).count == 3)
        #expect(simulation.now == 1 + 50, "the scout started at tick 1; its timer fires when due")
    }

    @Test func aLeadersNameFiresItsChildrensTimers() throws {
        let simulation = try scripted()
        try simulation.start(.leader(0))
        for acceptor in 0..<3 { try simulation.drop(.p1a, to: .acceptor(acceptor)) }
        try simulation.fire(.phaseRetransmit, of: .leader(0))
        #expect(simulation.pendingMessages(from: .scout(leader: 0, number: 1), kind: .p1a).count == 3)
        #expect(throws: SimulationError.noSuchEvent("timer phaseRetransmit of l1")) {
            try simulation.fire(.phaseRetransmit, of: .leader(1))
        }
    }

    @Test func anExitedChildsTimersAreCancelledAndItsLeaderIsTold() throws {
        let simulation = try scripted()
        func hasTimer(_ owner: ProcessID) -> Bool {
            simulation.pending.contains { if case .timer(owner, _) = $0.kind { true } else { false } }
        }
        try simulation.start(.leader(0))
        let scout = ProcessID.scout(leader: 0, number: 1)
        #expect(hasTimer(scout))
        for acceptor in 0..<2 { try simulation.deliver(.p1a, to: .acceptor(acceptor)) }
        for acceptor in 0..<2 { try simulation.deliver(.p1b, from: .acceptor(acceptor), to: scout) }
        #expect(simulation.process(scout) == nil, "the scout exited after a majority")
        #expect(!hasTimer(scout), "its resend timer went with it")

        try simulation.deliver(.adopted, to: .leader(0))
        try simulation.submit(.put(key: "k", value: "v"), client: 0)
        try simulation.deliver(.request, to: .replica(0))
        try simulation.deliver(.propose, to: .leader(0))
        let commander = try #require(simulation.leader(0)!.runningCommanders[1])
        for acceptor in 0..<2 { try simulation.deliver(.p2a, from: commander, to: .acceptor(acceptor)) }
        for acceptor in 0..<2 { try simulation.deliver(.p2b, from: .acceptor(acceptor), to: commander) }
        #expect(simulation.process(commander) == nil)
        #expect(simulation.leader(0)!.runningCommanders.isEmpty, "the host told the leader its commander exited")
        #expect(!hasTimer(commander))
    }

    @Test func forkTakesOneStateTwoWays() throws {
        let simulation = try scripted(leaders: 2)
        try simulation.start(.leader(0))
        try simulation.start(.leader(1))
        let other = simulation.fork()
        for acceptor in [1, 2] { try simulation.deliver(.p1a, from: .leader(1), to: .acceptor(acceptor)) }
        for acceptor in [0, 1] { try other.deliver(.p1a, from: .leader(0), to: .acceptor(acceptor)) }
        #expect(simulation.acceptor(1)!.ballotNumber == Ballot(round: 0, leader: 1))
        #expect(other.acceptor(1)!.ballotNumber == Ballot(round: 0, leader: 0))
        #expect(simulation.acceptor(0)!.ballotNumber == .bottom)
        #expect(other.acceptor(2)!.ballotNumber == .bottom)
    }

    @Test func injectedMessageComesFromAProcessTheScriptPlays() throws {
        let simulation = try scripted()
        let events = traced(simulation)
        let stranger = ProcessID.scout(leader: 7, number: 1)
        try simulation.inject(.p1a(ballot: Ballot(round: 3, leader: 7)), from: stranger, to: .acceptor(0))
        #expect(events().last?.injected == true)
        try simulation.deliver(from: stranger, to: .acceptor(0))
        #expect(simulation.acceptor(0)!.ballotNumber == Ballot(round: 3, leader: 7))
        #expect(simulation.pendingMessages(to: stranger).map { $0.envelope!.message.kind } == [.p1b])
        #expect(throws: SimulationError.unknownProcess(.acceptor(9))) {
            try simulation.inject(.p1a(ballot: .bottom), from: stranger, to: .acceptor(9))
        }
    }

    @Test func crashedAcceptorDropsWhatArrives() throws {
        let simulation = try scripted()
        let events = traced(simulation)
        try simulation.start(.leader(0))
        try simulation.crash(.acceptor(0))
        try simulation.deliver(.p1a, to: .acceptor(0))
        #expect(simulation.acceptor(0)!.ballotNumber == .bottom)
        #expect(events().suffix(2).map(\.kind) == [.crash, .drop])
    }

    @Test func deliveryThatChangesNothingIsTracedAsIgnored() throws {
        let simulation = try scripted()
        let events = traced(simulation)
        try simulation.start(.leader(0))
        try simulation.inject(.preempted(ballot: .bottom), from: .acceptor(0), to: .leader(0))
        try simulation.deliver(.preempted, to: .leader(0))
        #expect(events().last?.kind == .deliver && events().last?.ignored == true)
        try simulation.deliver(.p1a, to: .acceptor(0))
        let delivery = try #require(events().last { $0.kind == .deliver })
        #expect(!delivery.ignored, "an acceptor answering a p1a is not ignoring it")
    }

    @Test func unknownEventIsRefused() throws {
        let simulation = try scripted()
        #expect(throws: SimulationError.noSuchEvent("event #99")) { try simulation.perform(99) }
        #expect(throws: SimulationError.noSuchEvent("message #0")) { try simulation.drop(0) }
        #expect(throws: SimulationError.noSuchEvent("start of l3")) { try simulation.start(.leader(3)) }
    }
}

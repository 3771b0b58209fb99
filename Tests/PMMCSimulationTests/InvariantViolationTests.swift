import Testing
import PMMC
import PMMCSimulation
import PMMCTesting

/// A broken acceptor for the invariant monitor to catch: it accepts every p2a whatever its
/// ballot, and answers with the pvalue's ballot so the commander counts it as a vote.
struct AcceptEverythingAcceptor: CustomRole {
    typealias Machine = KeyValueStore
    let id: ProcessID
    var ballotNumber = Ballot.bottom
    var accepted: [PValue<KeyValueStore>] = []

    var acceptorState: (ballotNumber: Ballot, accepted: [PValue<KeyValueStore>])? { (ballotNumber, accepted) }

    mutating func start(into outbox: inout Outbox<KeyValueStore>) {}

    mutating func receive(_ message: Message<KeyValueStore>, from sender: ProcessID, into outbox: inout Outbox<KeyValueStore>) {
        switch message {
        case .p1a(let ballot):
            if ballot > ballotNumber { ballotNumber = ballot }
            outbox.send(.p1b(ballot: ballotNumber, accepted: accepted), to: sender)
        case .p2a(let pvalue):
            accepted.append(pvalue)  // the bug: no check against ballotNumber
            outbox.observe(.accepted(pvalue))
            outbox.send(.p2b(ballot: pvalue.ballot), to: sender)
        default:
            break
        }
    }

    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<KeyValueStore>) {}
}

/// Scenario 9: the simulator's invariant monitors catch a protocol violation as it happens.
@Suite("Invariant violation detection")
struct InvariantViolationTests {
    static let timeLimit = 20_000

    static func duel(seed: UInt64, broken: Bool) throws -> (simulation: KVSimulation, outcome: RunOutcome) {
        let simulation = try makeSimulation(seed: seed, leaders: 2, clients: 3, settings: .paper())
        if broken {
            try simulation.replace(.acceptor(0), with: AcceptEverythingAcceptor(id: .acceptor(0)))
        }
        try submitRoundRobin(KeyValueWorkload.random(count: 20, keys: 2, seed: seed), to: simulation)
        let outcome = simulation.run(until: everyReplicaApplied, timeLimit: timeLimit)
        return (simulation, outcome)
    }

    @Test("an acceptor accepting stale ballots under dueling leaders is caught (A2), naming it, at a recorded step",
          arguments: Seeds.sweep)
    func brokenAcceptorIsCaught(seed: UInt64) throws {
        let (simulation, outcome) = try Self.duel(seed: seed, broken: true)
        guard case .violation(let violation) = outcome else {
            Issue.record("expected an invariant violation, the run ended with \(outcome)")
            return
        }
        #expect(simulation.violation == violation)
        // A2 is checked on the acceptor's own step, before anything it accepted can be decided,
        // so it fires before any R1 disagreement between replicas could.
        #expect(violation.invariant == .a2, "\(violation)")
        #expect(violation.processes.contains(.acceptor(0)), "\(violation)")
        // The run stopped at the step that broke the invariant.
        #expect(violation.step > 0)
        #expect(violation.step == simulation.statistics.events)
        #expect(violation.time == simulation.now)
        #expect(violation.description.hasPrefix("A2 violated at step \(violation.step) (t=\(violation.time)) by a0"))
        // A stopped simulation stays stopped.
        let events = simulation.statistics.events
        #expect(simulation.run(timeLimit: Self.timeLimit * 2) == .violation(violation))
        #expect(simulation.statistics.events == events)
    }

    @Test("the same seeds with healthy acceptors report no violation", arguments: Seeds.sweep)
    func healthyRunHasNoViolation(seed: UInt64) throws {
        let (simulation, outcome) = try Self.duel(seed: seed, broken: false)
        #expect(simulation.violation == nil)
        if case .violation(let violation) = outcome { Issue.record("\(violation)") }
        #expect(simulation.statistics.invariantChecks > 0, "the invariants were checked")
        expectLogsAgree(simulation)
    }

    @Test("two commands accepted for one ballot and slot are caught (A4): the acceptor keeps both")
    func twoCommandsForOneBallotAndSlotAreCaught() throws {
        let simulation = try makeSimulation(seed: 1, replicas: 1, leaders: 1, acceptors: 3, clients: 1,
                                            settings: .paper(), network: NetworkModel(latency: 1...1))
        let ballot = Ballot(round: 0, leader: 0)
        let commander = ProcessID.commander(leader: 0, number: 9)
        for value in ["x", "y"] {
            let command = KVCommand(client: .client(0), requestID: 1, body: .operation(.put(key: "k", value: value)))
            try simulation.inject(.p2a(PValue(ballot: ballot, slot: 1, command: command)), from: commander, to: .acceptor(0))
            try simulation.deliver(.p2a, to: .acceptor(0))
        }
        #expect(simulation.acceptor(0)!.accepted.count == 2)
        let violation = try #require(simulation.violation)
        #expect(violation.invariant == .a4, "\(violation)")
        #expect(violation.processes == [.acceptor(0), .acceptor(0)])
    }
}

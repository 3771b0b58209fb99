import PMMC

/// Paper figure 7's leader without the test `(r', λ') > ballot_num` on `preempted`: a stale
/// `preempted` (from a scout or commander of an older ballot) still makes it passive and
/// sends it to ballot `(r' + 1, self)`, which may be the ballot it already used, or a lower
/// one. Reusing a ballot with a fresh `pmax` can give one ballot and slot two commands.
///
/// A stand-alone role rather than a decorator of ``Leader``, whose ballot only the guarded
/// handler can change; so it has none of our leader's additions (failure detection, retried
/// proposals).
public struct StalePreemptedLeader<Machine: StateMachine>: CustomRole, Hashable {
    public let id: ProcessID
    public let acceptors: [ProcessID]
    public let replicas: [ProcessID]
    public private(set) var ballotNumber: Ballot
    public private(set) var active = false
    public private(set) var proposals: [Int: Command<Machine>] = [:]
    private let index: Int
    private let settings: Settings
    private var childrenSpawned = 0

    /// The mutant of `leader`, before it starts.
    public init(_ leader: Leader<Machine>, settings: Settings) {
        guard case .leader(let index) = leader.id else { preconditionFailure("\(leader.id) is not a leader") }
        self.id = leader.id
        self.index = index
        self.acceptors = leader.acceptors
        self.replicas = leader.replicas
        self.ballotNumber = leader.ballotNumber
        self.settings = settings
    }

    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { nil }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        spawnScout(into: &outbox)
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch message {
        case .propose(let slot, let command, _):
            guard proposals[slot] == nil else { return outbox.observe(.ignored) }
            proposals[slot] = command
            if active { spawnCommander(slot: slot, command: command, into: &outbox) }
        case .adopted(let ballot, let pvalues, _):
            guard ballot == ballotNumber else { return outbox.observe(.ignored) }
            proposals.merge(pmax(pvalues)) { _, adopted in adopted }
            for slot in proposals.keys.sorted() {
                spawnCommander(slot: slot, command: proposals[slot]!, into: &outbox)
            }
            active = true
            outbox.observe(.adopted(ballot))
        case .preempted(let ballot):
            // The mistake: no `if ballot > ballotNumber`.
            outbox.observe(.preempted(by: ballot))
            active = false
            ballotNumber = Ballot(round: ballot.round + 1, leader: index)
            spawnScout(into: &outbox)
        case .request, .response, .decision, .p1a, .p1b, .p2a, .p2b, .ping, .pong, .executed, .collect, .catchUp, .snapshot:
            outbox.observe(.ignored)
        }
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {}

    /// As ``Leader/restart(into:)``: passive, the next round, a new scout.
    public mutating func restart(into outbox: inout Outbox<Machine>) {
        active = false
        ballotNumber = Ballot(round: ballotNumber.round + 1, leader: index)
        spawnScout(into: &outbox)
    }

    private mutating func spawnScout(into outbox: inout Outbox<Machine>) {
        childrenSpawned += 1
        outbox.spawn(.scout(Scout(id: .scout(leader: index, number: childrenSpawned), leader: id,
                                  acceptors: acceptors, ballot: ballotNumber,
                                  timer: RetransmitTimer(initial: settings.phaseRetransmit, adapting: nil))))
    }

    private mutating func spawnCommander(slot: Int, command: Command<Machine>, into outbox: inout Outbox<Machine>) {
        childrenSpawned += 1
        outbox.spawn(.commander(Commander(id: .commander(leader: index, number: childrenSpawned), leader: id,
                                          acceptors: acceptors, replicas: replicas,
                                          pvalue: PValue(ballot: ballotNumber, slot: slot, command: command),
                                          timer: RetransmitTimer(initial: settings.phaseRetransmit, adapting: nil))))
    }
}

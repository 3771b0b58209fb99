import PMMC

/// An acceptor that accepts a p2a whose ballot is at least its own but does not adopt that
/// ballot first: it keeps answering with, and promising, the lower one. Our ``Acceptor``
/// accepts on `≥` too (see "Where we depart"), but sets `ballot_num := b` before it accepts.
///
/// A stand-alone role rather than a decorator: the real acceptor's accepted set cannot be
/// extended without also adopting. Like any role it reports what it adopts and accepts,
/// which is what the invariant monitor checks A2, A4 and A5 on.
public struct AcceptWithoutAdoptingAcceptor<Machine: StateMachine>: CustomRole, Hashable {
    public let id: ProcessID
    public private(set) var ballotNumber: Ballot = .bottom
    public private(set) var accepted: [PValue<Machine>] = []

    public init(id: ProcessID) {
        self.id = id
    }

    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { (ballotNumber, accepted) }

    public mutating func start(into outbox: inout Outbox<Machine>) {}

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch message {
        case .p1a(let ballot):
            if ballot > ballotNumber {
                ballotNumber = ballot
                outbox.observe(.adopted(ballot))
            }
            outbox.send(.p1b(ballot: ballotNumber, accepted: accepted), to: sender)
        case .p2a(let pvalue):
            if pvalue.ballot >= ballotNumber, !accepted.contains(pvalue) {
                accepted.append(pvalue)
                outbox.observe(.accepted(pvalue))
            }
            outbox.send(.p2b(ballot: ballotNumber), to: sender)
        case .request, .response, .propose, .decision, .p1b, .p2b, .adopted, .preempted, .ping, .pong,
             .executed, .collect, .catchUp, .snapshot:
            outbox.observe(.ignored)
        }
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {}
}

import PMMC

/// A commander that counts every p2b towards its majority, whatever ballot it carries (DSLabs'
/// QuorumCheckingSearch catches this in student labs). Figure 6(a) counts only `b' = b`; a
/// p2b with a higher ballot means the acceptor refused the pvalue. Decorates the real
/// ``Commander``: it hands it each p2b as if it carried the commander's own ballot.
public struct MixedBallotCommander<Machine: StateMachine>: CustomRole, Hashable {
    public private(set) var commander: Commander<Machine>

    public init(_ commander: Commander<Machine>) {
        self.commander = commander
    }

    public var id: ProcessID { commander.id }
    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { nil }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        commander.start(into: &outbox)
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        if case .p2b = message {
            commander.receive(.p2b(ballot: commander.pvalue.ballot), from: sender, into: &outbox)
        } else {
            commander.receive(message, from: sender, into: &outbox)
        }
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        commander.timerFired(timer, into: &outbox)
    }
}

import PMMC

/// A commander whose majority test is turned around (`|waitfor| > |acceptors|/2` for figure
/// 6(a)'s `|waitfor| < |acceptors|/2`), so the first p2b of its ballot already counts as a
/// majority. Decorates the real ``Commander``: it hands it that p2b once from each acceptor
/// still awaited.
public struct InvertedQuorumCommander<Machine: StateMachine>: CustomRole, Hashable {
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
        var inner = Outbox<Machine>()
        commander.receive(message, from: sender, into: &inner)
        if case .p2b(let ballot) = message, ballot == commander.pvalue.ballot {
            for acceptor in commander.waitFor where !inner.exits {
                commander.receive(message, from: acceptor, into: &inner)
            }
        }
        outbox.forward(inner)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        commander.timerFired(timer, into: &outbox)
    }
}

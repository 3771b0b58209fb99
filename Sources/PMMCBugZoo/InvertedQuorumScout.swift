import PMMC

/// A scout whose majority test is turned around (`|waitfor| > |acceptors|/2` for figure 6(b)'s
/// `|waitfor| < |acceptors|/2`), so the first p1b of its ballot already counts as a majority.
/// Decorates the real ``Scout``: it hands it that p1b once from each acceptor still awaited.
public struct InvertedQuorumScout<Machine: StateMachine>: CustomRole, Hashable {
    public private(set) var scout: Scout<Machine>

    public init(_ scout: Scout<Machine>) {
        self.scout = scout
    }

    public var id: ProcessID { scout.id }
    public var acceptorState: (ballotNumber: Ballot, accepted: [PValue<Machine>])? { nil }

    public mutating func start(into outbox: inout Outbox<Machine>) {
        scout.start(into: &outbox)
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        var inner = Outbox<Machine>()
        inner.now = outbox.now
        scout.receive(message, from: sender, into: &inner)
        if case .p1b(let ballot, _, _) = message, ballot == scout.ballot {
            for acceptor in scout.waitFor where !inner.exits {
                scout.receive(message, from: acceptor, into: &inner)
            }
        }
        outbox.forward(inner)
    }

    public mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>) {
        scout.timerFired(timer, into: &outbox)
    }
}

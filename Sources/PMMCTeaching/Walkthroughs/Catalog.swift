/// Every walk-through, in teaching order.
public enum Walkthroughs {
    public static let all: [Walkthrough] = [acceptors, gettingElected, handlingProposals, replicaWindow, reconfiguration, duelingLeaders, leaderFailover, singleDecree]

    /// The walk-through called `name`, if any.
    public static func named(_ name: String) -> Walkthrough? {
        all.first { $0.name == name }
    }
}

import PMMC

/// What the protocol keeps in memory across a deployment at one moment: the acceptors'
/// pvalues, the leaders' and replicas' proposals and the replicas' decisions, in counts and
/// approximate bytes (``Command/approximateBytes``). Application state, sessions and the
/// simulator's own records are not counted.
public struct RetainedState: Hashable, Sendable, CustomStringConvertible {
    /// Pvalues held by the acceptors, all together.
    public var pvalues = 0
    /// Proposals held by the leaders and the replicas.
    public var proposals = 0
    /// Decisions held by the replicas.
    public var decisions = 0
    /// About how many bytes all of them take.
    public var bytes = 0

    public init() {}

    /// What `roles` keep, added up; roles that keep none of these are passed over.
    public init<Machine>(of roles: [Role<Machine>]) {
        for role in roles {
            switch role {
            case .acceptor(let acceptor):
                pvalues += acceptor.retainedPValues
                bytes += acceptor.retainedBytes
            case .leader(let leader):
                proposals += leader.retainedProposals
                bytes += leader.retainedBytes
            case .replica(let replica):
                proposals += replica.retainedProposals
                decisions += replica.retainedDecisions
                bytes += replica.retainedBytes
            case .client, .scout, .commander, .custom:
                break
            }
        }
    }

    /// `pvalues 12, proposals 30, decisions 2000, about 1234567 bytes`.
    public var description: String {
        "pvalues \(pvalues), proposals \(proposals), decisions \(decisions), about \(bytes) bytes"
    }
}

extension Simulation {
    /// What the live replicas, leaders and acceptors keep now. Costs one pass over what they
    /// keep.
    public var retainedState: RetainedState {
        RetainedState(of: processIDs.compactMap(process))
    }
}

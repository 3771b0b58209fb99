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

    /// `pvalues 12, proposals 30, decisions 2,000, about 1.2 MB`.
    public var description: String {
        "pvalues \(pvalues), proposals \(proposals), decisions \(decisions), about \(bytes) bytes"
    }
}

extension Simulation {
    /// What the live replicas, leaders and acceptors keep now. Costs one pass over what they
    /// keep.
    public var retainedState: RetainedState {
        var retained = RetainedState()
        for id in processIDs {
            switch process(id) {
            case .acceptor(let acceptor)?:
                retained.pvalues += acceptor.retainedPValues
                retained.bytes += acceptor.retainedBytes
            case .leader(let leader)?:
                retained.proposals += leader.retainedProposals
                retained.bytes += leader.retainedBytes
            case .replica(let replica)?:
                retained.proposals += replica.retainedProposals
                retained.decisions += replica.retainedDecisions
                retained.bytes += replica.retainedBytes
            case .client?, .scout?, .commander?, .custom?, nil:
                break
            }
        }
        return retained
    }
}

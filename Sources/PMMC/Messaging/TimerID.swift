/// A timer a process asks its host to fire later. Timers are never cancelled: a handler that
/// finds its timer stale ignores it.
public enum TimerID: Hashable, Sendable, CustomStringConvertible {
    /// Client: no response yet to this request; send it again.
    case requestRetransmit(requestID: Int)
    /// Replica: check whether proposals are still undecided and propose them again.
    case proposalRetransmit
    /// Scout or commander: send phase 1a or 2a again to acceptors that have not answered.
    case phaseRetransmit
    /// Leader: has the leader I monitor answered my pings? `epoch` tells stale checks apart.
    case leaderCheck(epoch: Int)

    public var description: String {
        switch self {
        case .requestRetransmit(let requestID): "retransmit #\(requestID)"
        case .proposalRetransmit: "repropose"
        case .phaseRetransmit: "resend"
        case .leaderCheck(let epoch): "check leader (\(epoch))"
        }
    }
}

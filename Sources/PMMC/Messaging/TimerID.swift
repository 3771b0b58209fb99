/// A timer a process asks its host to fire later. A role never cancels a timer: a handler that
/// finds its timer stale ignores it. A host drops the pending timers of a process that exits.
public enum TimerID: Hashable, Sendable, CustomStringConvertible {
    /// Client: no response yet to this request; send it again.
    case requestRetransmit(requestID: Int)
    /// Replica: check whether proposals are still undecided and propose them again.
    case proposalRetransmit
    /// Scout or commander: send phase 1a or 2a again to acceptors that have not answered.
    case phaseRetransmit
    /// Replica: tell leaders and other replicas how far I have executed (garbage collection,
    /// catch-up), and ask for what I missed if I am behind.
    case executedReport
    /// Replica: a later decision arrived a while ago but `slot_out`'s has not; ask the other
    /// replicas for it (catch-up).
    case missingDecision
    /// Replica: the batch gathering requests has waited ``Settings/Batching/maximumDelay``;
    /// propose it even if it is not full.
    case batchFlush
    /// Leader: has the leader I monitor answered my pings? `epoch` tells stale checks apart.
    case leaderCheck(epoch: Int)
    /// Leader: the back-off after a preemption is over; scout again. `epoch` tells stale
    /// back-offs apart.
    case backoff(epoch: Int)

    /// The timer as it is written in Swift, e.g. `leaderCheck(epoch: 2)`; traces print this.
    public var description: String {
        switch self {
        case .requestRetransmit(let requestID): "requestRetransmit(requestID: \(requestID))"
        case .proposalRetransmit: "proposalRetransmit"
        case .phaseRetransmit: "phaseRetransmit"
        case .executedReport: "executedReport"
        case .missingDecision: "missingDecision"
        case .batchFlush: "batchFlush"
        case .leaderCheck(let epoch): "leaderCheck(epoch: \(epoch))"
        case .backoff(let epoch): "backoff(epoch: \(epoch))"
        }
    }
}

/// A timer a process asks its host to fire later. A handler that finds its timer stale ignores
/// it; a role cancels a timer (``Effect/cancelTimer(_:)``) only where a stale one would
/// otherwise fire for nearly every request (a client's, once its request is answered). A host
/// drops the pending timers of a process that exits.
public enum TimerID: Hashable, Sendable, NotationPrintable {
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

    /// The timer as it is written in Swift, e.g. `leaderCheck(epoch: 2)`; traces print this
    /// (its `description`), a trace file without building the text.
    public func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        switch self {
        case .requestRetransmit(let requestID): output.write("requestRetransmit(requestID: "); output.write(requestID); output.write(")")
        case .proposalRetransmit: output.write("proposalRetransmit")
        case .phaseRetransmit: output.write("phaseRetransmit")
        case .executedReport: output.write("executedReport")
        case .missingDecision: output.write("missingDecision")
        case .batchFlush: output.write("batchFlush")
        case .leaderCheck(let epoch): output.write("leaderCheck(epoch: "); output.write(epoch); output.write(")")
        case .backoff(let epoch): output.write("backoff(epoch: "); output.write(epoch); output.write(")")
        }
    }
}

import PMMC

extension TimerID {
    /// The timer's case name, as a story's `fire TIMER of P` writes it, e.g. `leaderCheck`.
    var name: String {
        switch self {
        case .requestRetransmit: "requestRetransmit"
        case .proposalRetransmit: "proposalRetransmit"
        case .phaseRetransmit: "phaseRetransmit"
        case .executedReport: "executedReport"
        case .missingDecision: "missingDecision"
        case .batchFlush: "batchFlush"
        case .leaderCheck: "leaderCheck"
        case .backoff: "backoff"
        }
    }

    /// Every timer's name, in the order ``TimerID`` declares them.
    static let names: [String] = [
        TimerID.requestRetransmit(requestID: 0), .proposalRetransmit, .phaseRetransmit, .executedReport,
        .missingDecision, .batchFlush, .leaderCheck(epoch: 0), .backoff(epoch: 0),
    ].map(\.name)
}

/// A replica's garbage-collection and catch-up bookkeeping (Docs/Pragmatics.md): what it last
/// told its leaders, and the replica furthest ahead it has heard of.
struct ReplicaProgress: Hashable, Sendable {
    /// Whether the `executedReport` timer is set.
    var reportArmed = false
    /// The `slot_out` last reported to the leaders.
    var reportedToLeaders = 1
    /// The highest `slot_out` another replica reported, above this one's, and who did.
    private var ahead: (slotOut: Int, replica: ProcessID)?
    /// This replica's `slot_out` at the last report, to tell whether it is making progress.
    private var slotOutAtLastReport = 0

    static func == (lhs: ReplicaProgress, rhs: ReplicaProgress) -> Bool {
        lhs.reportArmed == rhs.reportArmed && lhs.reportedToLeaders == rhs.reportedToLeaders
            && lhs.ahead?.slotOut == rhs.ahead?.slotOut && lhs.ahead?.replica == rhs.ahead?.replica
            && lhs.slotOutAtLastReport == rhs.slotOutAtLastReport
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(reportArmed)
        hasher.combine(reportedToLeaders)
        hasher.combine(ahead?.slotOut)
        hasher.combine(ahead?.replica)
        hasher.combine(slotOutAtLastReport)
    }

    /// Records that `replica` has executed the slots below `theirs`, while this replica is at
    /// `ours`. Returns false if that tells nothing new.
    mutating func heard(_ theirs: Int, from replica: ProcessID, at ours: Int) -> Bool {
        guard theirs > ours, theirs > ahead?.slotOut ?? 0 else { return false }
        ahead = (theirs, replica)
        return true
    }

    /// At a report, with this replica at `slotOut`: the replica to ask for catch-up, if one is
    /// ahead and this one either made no progress since the last report or is more than
    /// `window` slots behind it. So far behind, re-proposing a no-op for `slot_out` (which
    /// brings back one missed decision per retransmission timeout) would take long, and with
    /// adaptive timeouts it makes just enough progress never to look stuck.
    mutating func behind(at slotOut: Int, window: Int) -> ProcessID? {
        defer { slotOutAtLastReport = slotOut }
        guard let ahead else { return nil }
        guard ahead.slotOut > slotOut else {
            self.ahead = nil
            return nil
        }
        return slotOut == slotOutAtLastReport || ahead.slotOut - slotOut > window ? ahead.replica : nil
    }
}

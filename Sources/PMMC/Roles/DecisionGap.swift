/// Catch-up's repair of a missed decision (``Settings/catchUp``; Docs/Pragmatics.md): a
/// replica stuck at `slot_out` while it holds the decision of a later slot either waits for a
/// decision that is only late (links reorder) or lacks one that was lost. It waits as long as
/// gaps that closed by themselves lasted, then asks the other replicas, which answer with the
/// decisions from `slot_out` on, two message delays instead of a re-proposal's four (and a
/// replica's re-proposal waits a whole round-trip timeout first).
///
/// How long to wait is a ``RetransmitTimer`` whose samples are how long each gap lasted when
/// the missing decision arrived without being asked for: a gap the replica asked about, or
/// proposed again for, is not sampled (Karn's rule). Asking doubles the wait, as an expired
/// retransmission timeout does, so a wait that proves too short grows until late decisions
/// arrive within it again.
struct DecisionGap: Hashable, Sendable {
    /// The slot the replica is stuck at, while it holds a later decision.
    private(set) var slot: Int?
    /// When the gap at ``slot`` opened.
    private var since = 0
    /// Whether the replica asked about the gap, or proposed for its slot again, and when it
    /// last did.
    private var repaired = false
    private var lastRepair = 0
    /// Whether the `missingDecision` timer is set.
    private var armed = false
    /// How long a gap lasts before the replica asks about it.
    private(set) var timer: RetransmitTimer

    init(settings: Settings) {
        timer = RetransmitTimer(initial: settings.phaseRetransmit, adapting: settings.adaptiveRetransmission)
    }

    /// Records the replica's progress: it is at `slotOut`, and `open` says whether it holds a
    /// decision past it. Returns the delay after which to set the `missingDecision` timer, if
    /// it must be set.
    mutating func update(slotOut: Int, open: Bool, now: Int) -> Int? {
        if let slot, slot != slotOut || !open {
            if repaired { timer.answered() } else { timer.sample(now - since) }
            self.slot = nil
        }
        guard open, slot == nil else { return nil }
        slot = slotOut
        since = now
        repaired = false
        return arm()
    }

    /// The replica proposed for the slot of the gap again at `now`: its closing is no sample.
    mutating func reproposed(slot: Int, at now: Int) {
        guard slot == self.slot else { return }
        repaired = true
        lastRepair = now
    }

    /// The `missingDecision` timer fired. Returns whether to repair the gap now, and the delay
    /// after which to set the timer again, if it must be set: while the gap lasts, each repair
    /// is followed by another after the doubled wait.
    mutating func fired(now: Int) -> (repair: Bool, again: Int?) {
        armed = false
        guard slot != nil else { return (false, nil) }
        let waited = now - (repaired ? lastRepair : since)
        guard waited >= timer.timeout else { return (false, arm(after: timer.timeout - waited)) }
        repaired = true
        lastRepair = now
        timer.expired()
        return (true, arm())
    }

    private mutating func arm(after delay: Int? = nil) -> Int? {
        guard !armed else { return nil }
        armed = true
        return max(1, delay ?? timer.timeout)
    }
}

/// A leader's back-off (paper §3, not part of figure 7): how long a preempted leader waits
/// before it competes for leadership again, grown multiplicatively on each preemption and
/// shrunk additively on each ballot adopted (AIMD, as TCP's congestion window is, the other
/// way round), within ``Settings/Backoff/minimum`` and ``Settings/Backoff/maximum``.
///
/// ```
/// on ⟨preempted, b'⟩ with b' > ballot_num: timeout := min(timeout · factor, maximum)
/// on ⟨adopted, ballot_num, pvals⟩:         timeout := max(timeout − decrease, minimum)
/// ```
/// Without failure detection the leader waits ``timeout`` ticks and then scouts (the paper's
/// `backoff` variant, whose leader sleeps between messages). With failure detection the
/// leader pings the leader that preempted it and counts it failed only after ``timeout``
/// ticks without a pong, so each preemption makes a leader slower to suspect the next one.
public struct LeaderBackoff: Hashable, Sendable {
    /// The current wait, in ticks.
    public private(set) var timeout: Int
    private let settings: Settings.Backoff

    public init(settings: Settings.Backoff) {
        self.settings = settings
        self.timeout = settings.minimum
    }

    /// Multiplies the wait by ``Settings/Backoff/factor``, up to the maximum.
    public mutating func preempted() {
        let (grown, overflow) = timeout.multipliedReportingOverflow(by: settings.factor)
        timeout = overflow ? settings.maximum : min(grown, settings.maximum)
    }

    /// Shortens the wait by ``Settings/Backoff/decrease``, down to the minimum.
    public mutating func adopted() {
        timeout = max(timeout - settings.decrease, settings.minimum)
    }
}

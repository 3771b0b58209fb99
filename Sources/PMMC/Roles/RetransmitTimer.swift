/// A retransmission timeout, fixed or adapted to the round trips observed, as TCP's
/// retransmission timer is (RFC 6298).
///
/// Every role that sends something again after a silence keeps one: a client for its
/// requests, a replica for its proposals, a leader for its scouts and commanders (which start
/// from the leader's), and a leader's ``FailureDetector`` for its pings. Time is an input, not
/// something the timer reads: the role passes the round trips it measured with
/// ``Outbox/now``.
///
/// With ``Settings/adaptiveRetransmission`` `nil`, ``timeout`` is always the fixed interval
/// the timer was made with, and ``sample(_:)`` and ``expired()`` change nothing. Otherwise,
/// in whole ticks scaled by 8 so that no floating point enters the protocol:
///
/// ```
/// first sample R:  SRTT := R; RTTVAR := R/2
/// later sample R:  RTTVAR := 3/4·RTTVAR + 1/4·|SRTT − R|; SRTT := 7/8·SRTT + 1/8·R
/// RTO := clamp(SRTT + max(1 tick, 4·RTTVAR), minimum, maximum)
/// expired:         RTO := min(2·RTO, maximum)
/// answered:        RTO := the estimate above, without the doubling
/// ```
/// The fixed interval is the RTO before the first sample. Karn's rule is the caller's part: a
/// round trip whose request was sent more than once is ambiguous and must not be sampled; the
/// caller reports its answer with ``answered()`` instead, which undoes the doubling, as Linux
/// TCP clears its back-off when an acknowledgement makes progress. (RFC 6298 keeps the doubled
/// timeout until the next sample; a lagging replica, whose re-proposals are how it catches up,
/// may take no sample for a long time, and would then wait the maximum after every lost
/// decision.)
public struct RetransmitTimer: Equatable, Sendable {
    /// The current retransmission timeout (RTO), in ticks.
    public private(set) var timeout: Int
    private let bounds: Settings.AdaptiveRetransmission?
    /// SRTT × 8, once there is a sample.
    private var smoothed: Int?
    /// RTTVAR × 8.
    private var variation = 0
    /// The timeout the samples give, before any doubling (``timeout`` when fixed).
    public private(set) var estimate: Int

    /// A timer whose timeout starts at `initial` ticks and adapts within `bounds`, or stays
    /// at `initial` when `bounds` is `nil`.
    public init(initial: Int, adapting bounds: Settings.AdaptiveRetransmission?) {
        self.bounds = bounds
        self.timeout = bounds.map { min(max(initial, $0.minimum), $0.maximum) } ?? initial
        self.estimate = timeout
    }

    /// Whether the timeout adapts (``Settings/adaptiveRetransmission`` is set).
    public var isAdaptive: Bool { bounds != nil }

    /// Takes a round trip of `roundTrip` ticks, measured for something sent exactly once.
    public mutating func sample(_ roundTrip: Int) {
        guard let bounds else { return }
        let scaled = 8 * max(roundTrip, 0)
        if let smoothed {
            variation += (abs(smoothed - scaled) - variation) / 4
            self.smoothed = smoothed + (scaled - smoothed) / 8
        } else {
            smoothed = scaled
            variation = scaled / 2
        }
        estimate = min(max((smoothed! + max(8, 4 * variation) + 7) / 8, bounds.minimum), bounds.maximum)
        timeout = estimate
    }

    /// An answer came to something sent more than once: no sample (Karn's rule), but the
    /// silence is over, so the timeout drops back to the estimate.
    public mutating func answered() {
        timeout = estimate
    }

    /// The timer ran out without an answer: doubles the timeout, up to the maximum.
    public mutating func expired() {
        guard let bounds else { return }
        timeout = min(2 * timeout, bounds.maximum)
    }
}

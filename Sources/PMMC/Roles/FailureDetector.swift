/// A passive leader's watch on the leader that preempted it (paper §3, not part of figure 7):
/// ping it every ``Settings/FailureDetection/pingInterval`` ticks and count it failed after
/// ``Settings/FailureDetection/missedPings`` intervals in a row without a pong.
///
/// Two pragmatics change this, each only when its setting is on:
/// - With ``Settings/adaptiveRetransmission``, an unanswered ping is sent again after the
///   ping's retransmission timeout (a ``RetransmitTimer`` fed with ping round trips, doubled
///   on each miss) instead of a whole interval, as TCP retransmits.
/// - With ``Settings/backoff``, the leader gives a `patience` to ``watch(_:patience:into:)``
///   (its ``LeaderBackoff`` timeout): the watched leader counts failed once it has been
///   silent that many ticks, however many pings that took.
///
/// The leader owns one and drives it from its handlers; the detector only asks for pings and
/// timers through the leader's outbox, and reads the time from it.
public struct FailureDetector: Hashable, Sendable {
    /// The leader being watched, if any.
    public private(set) var watched: ProcessID?
    /// The timeout of a ping before it is sent again.
    public private(set) var pingTimer: RetransmitTimer
    private let settings: Settings.FailureDetection
    private var answeredSinceCheck = false
    private var missedPings = 0
    /// Ticks of silence after which the watched leader is failed; `nil` to count pings.
    private var patience: Int?
    /// When the watched leader was last heard from, and when the last ping went out.
    private var lastHeard = 0
    private var pingSentAt = 0
    /// Numbers each watch, so that a check timer left over from an earlier watch is ignored.
    private var epoch = 0

    public init(settings: Settings.FailureDetection, adaptive: Settings.AdaptiveRetransmission? = nil) {
        self.settings = settings
        self.pingTimer = RetransmitTimer(initial: settings.pingInterval, adapting: adaptive)
    }

    /// Starts watching `leader`: pings it now and checks for an answer after one interval.
    /// With a `patience`, the leader counts failed after that many ticks without a pong;
    /// without, after ``Settings/FailureDetection/missedPings`` unanswered pings.
    public mutating func watch<Machine>(_ leader: ProcessID, patience: Int? = nil, into outbox: inout Outbox<Machine>) {
        watched = leader
        answeredSinceCheck = false
        missedPings = 0
        self.patience = patience
        lastHeard = outbox.now
        epoch += 1
        ping(after: settings.pingInterval, into: &outbox)
    }

    /// Ends the watch, if any: a check timer of it is ignored from now on. A leader that
    /// restarts after a crash calls it, since the timer of its next check died with it.
    public mutating func stopWatching() {
        watched = nil
        epoch += 1
    }

    /// Takes a pong from `sender` at time `now`. Returns whether it came from the watched
    /// leader.
    public mutating func pong(from sender: ProcessID, at now: Int) -> Bool {
        guard sender == watched else { return false }
        if missedPings > 0 {
            // Karn's rule: a pong after unanswered pings may answer any of them.
            pingTimer.answered()
        } else if !answeredSinceCheck {
            pingTimer.sample(now - pingSentAt)
        }
        answeredSinceCheck = true
        lastHeard = now
        return true
    }

    /// Handles a `leaderCheck` timer. Returns true when the watched leader has just been found
    /// failed (and the watch is over); otherwise pings again if the watch goes on.
    public mutating func check<Machine>(epoch: Int, into outbox: inout Outbox<Machine>) -> Bool {
        guard epoch == self.epoch, watched != nil else { return false }
        if answeredSinceCheck {
            missedPings = 0
        } else {
            missedPings += 1
            pingTimer.expired()
        }
        answeredSinceCheck = false
        let failed = patience.map { missedPings > 0 && outbox.now - lastHeard >= $0 } ?? (missedPings >= settings.missedPings)
        if failed {
            watched = nil
            return true
        }
        ping(after: missedPings == 0 ? settings.pingInterval : pingTimer.timeout, into: &outbox)
        return false
    }

    private mutating func ping<Machine>(after delay: Int, into outbox: inout Outbox<Machine>) {
        pingSentAt = outbox.now
        outbox.send(.ping, to: watched!)
        outbox.setTimer(.leaderCheck(epoch: epoch), after: delay)
    }
}

/// A passive leader's watch on the leader that preempted it (paper §3, not part of figure 7):
/// ping it every ``Settings/FailureDetection/pingInterval`` ticks and count it failed after
/// ``Settings/FailureDetection/missedPings`` intervals in a row without a pong.
///
/// The leader owns one and drives it from its handlers; the detector only asks for pings and
/// timers through the leader's outbox.
public struct FailureDetector: Hashable, Sendable {
    /// The leader being watched, if any.
    public private(set) var watched: ProcessID?
    private let settings: Settings.FailureDetection
    private var answeredSinceCheck = false
    private var missedPings = 0
    /// Numbers each watch, so that a check timer left over from an earlier watch is ignored.
    private var epoch = 0

    public init(settings: Settings.FailureDetection) {
        self.settings = settings
    }

    /// Starts watching `leader`: pings it now and checks for an answer after one interval.
    public mutating func watch<Machine>(_ leader: ProcessID, into outbox: inout Outbox<Machine>) {
        watched = leader
        answeredSinceCheck = false
        missedPings = 0
        epoch += 1
        outbox.send(.ping, to: leader)
        outbox.setTimer(.leaderCheck(epoch: epoch), after: settings.pingInterval)
    }

    /// Takes a pong from `sender`. Returns whether it came from the watched leader.
    public mutating func pong(from sender: ProcessID) -> Bool {
        guard sender == watched else { return false }
        answeredSinceCheck = true
        return true
    }

    /// Handles a `leaderCheck` timer. Returns true when the watched leader has just been found
    /// failed (and the watch is over); otherwise pings again if the watch goes on.
    public mutating func check<Machine>(epoch: Int, into outbox: inout Outbox<Machine>) -> Bool {
        guard epoch == self.epoch, let leader = watched else { return false }
        missedPings = answeredSinceCheck ? 0 : missedPings + 1
        answeredSinceCheck = false
        if missedPings >= settings.missedPings {
            watched = nil
            return true
        }
        outbox.send(.ping, to: leader)
        outbox.setTimer(.leaderCheck(epoch: epoch), after: settings.pingInterval)
        return false
    }
}

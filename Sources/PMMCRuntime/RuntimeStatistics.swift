import PMMC

/// Counters the message bus keeps while a cluster runs.
public struct RuntimeStatistics: Sendable {
    /// Messages sent, by kind (index with `MessageKind.rawValue`).
    public internal(set) var sent = [Int](repeating: 0, count: MessageKind.allCases.count)
    /// Messages put into their receiver's mailbox.
    public internal(set) var delivered = 0
    /// Messages lost, cut off by a partition, or from or to a crashed process.
    public internal(set) var dropped = 0
    /// Messages that reached a scout or commander after it had exited (late p1b and p2b).
    public internal(set) var arrivedAfterExit = 0
    public internal(set) var scoutsSpawned = 0
    public internal(set) var commandersSpawned = 0
    public internal(set) var timersFired = 0
    /// Timers cancelled before they came due, because their process exited or crashed.
    public internal(set) var timersCancelled = 0

    /// All messages sent.
    public var messagesSent: Int { sent.reduce(0, +) }

    /// Messages sent of one kind.
    public func sent(_ kind: MessageKind) -> Int { sent[kind.rawValue] }
}

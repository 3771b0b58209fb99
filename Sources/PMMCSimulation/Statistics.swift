import PMMC

/// Counters a simulation keeps as it runs.
public struct Statistics: Sendable {
    /// Messages sent, by kind (index with `MessageKind.rawValue`), duplicates not included.
    public internal(set) var sent = [Int](repeating: 0, count: MessageKind.allCases.count)
    public internal(set) var delivered = 0
    /// Messages lost, cut off by a partition, or addressed to a crashed process.
    public internal(set) var dropped = 0
    /// Messages that reached a scout or commander after it had exited (late p1b and p2b).
    public internal(set) var arrivedAfterExit = 0
    public internal(set) var duplicated = 0
    /// Distinct slots for which some replica received a decision.
    public internal(set) var slotsDecided = 0
    /// Times a leader adopted a higher ballot because it was preempted.
    public internal(set) var preemptions = 0
    public internal(set) var scoutsSpawned = 0
    public internal(set) var commandersSpawned = 0
    public internal(set) var timersFired = 0
    /// Events taken off the queue: deliveries, timers and faults.
    public internal(set) var events = 0
    /// Invariant checks made (one per process per event while checking is on).
    public internal(set) var invariantChecks = 0

    /// All messages sent.
    public var messagesSent: Int { sent.reduce(0, +) }

    /// Messages sent of one kind.
    public func sent(_ kind: MessageKind) -> Int { sent[kind.rawValue] }

    /// Messages sent per decided slot.
    public var messagesPerDecision: Double {
        slotsDecided == 0 ? 0 : Double(messagesSent) / Double(slotsDecided)
    }
}

import PMMC

/// The counters every host keeps as it carries messages, spawns and timers: the simulator's
/// ``Statistics`` and the runtime's statistics both hold one and add their own.
public struct HostStatistics: Sendable, Equatable {
    /// Messages sent, by kind (index with `MessageKind.rawValue`), network duplicates not
    /// included.
    public private(set) var sent = [Int](repeating: 0, count: MessageKind.allCases.count)
    /// Messages handed to their receiver.
    public var delivered = 0
    /// Messages lost, cut off by a partition, or addressed to (or from) a crashed process.
    public var dropped = 0
    /// Messages that reached a scout or commander after it had exited (late p1b and p2b).
    public var arrivedAfterExit = 0
    public private(set) var scoutsSpawned = 0
    public private(set) var commandersSpawned = 0
    public var timersFired = 0

    public init() {}

    /// All messages sent.
    public var messagesSent: Int { sent.reduce(0, +) }

    /// Messages sent of one kind.
    public func sent(_ kind: MessageKind) -> Int { sent[kind.rawValue] }

    /// Messages among replicas, leaders, acceptors and their children: all but client
    /// requests and responses. Batching divides these among a batch's commands.
    public var protocolMessagesSent: Int { messagesSent - sent(.request) - sent(.response) }

    /// Counts one message of `kind` sent.
    public mutating func countSent(_ kind: MessageKind) {
        sent[kind.rawValue] += 1
    }

    /// Counts a spawned scout or commander, named `child`; other ids count nothing.
    public mutating func countSpawn(of child: ProcessID) {
        switch child {
        case .scout: scoutsSpawned += 1
        case .commander: commandersSpawned += 1
        case .client, .replica, .leader, .acceptor: break
        }
    }

    /// Counts a spawned scout or commander (other roles, custom ones included, are not
    /// counted).
    public mutating func countSpawn<Machine>(of child: Role<Machine>) {
        switch child {
        case .scout: scoutsSpawned += 1
        case .commander: commandersSpawned += 1
        case .client, .replica, .leader, .acceptor, .custom: break
        }
    }
}

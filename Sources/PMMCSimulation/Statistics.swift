import PMMC
import PMMCHost

/// Counters a simulation keeps as it runs: the counters every host keeps (``HostStatistics``,
/// read through this type: `statistics.delivered`) and the simulator's own.
@dynamicMemberLookup
public struct Statistics: Sendable {
    /// Messages sent, delivered, dropped and arrived after exit; scouts and commanders
    /// spawned; timers fired.
    public internal(set) var host = HostStatistics()
    public internal(set) var duplicated = 0
    /// Distinct slots for which some replica received a decision.
    public internal(set) var slotsDecided = 0
    /// Times a leader adopted a higher ballot because it was preempted.
    public internal(set) var preemptions = 0
    /// Events taken off the queue: deliveries, timers and faults.
    public internal(set) var events = 0
    /// Invariant checks made (one per process per event while checking is on).
    public internal(set) var invariantChecks = 0
    /// Distinct slots decided for a no-op (a replica filling a hole or a reconfiguration's
    /// window); counted in ``slotsDecided``.
    public internal(set) var noopSlots = 0
    /// Client commands the distinct decided slots carry: one for a slot holding an operation
    /// or a reconfiguration, a batch's size for a slot holding a batch (``Settings/batching``),
    /// none for a no-op. Duplicates decided again in a later slot count again.
    public internal(set) var commandsDecided = 0
    /// Slots decided for a batch of more than one command; counted in ``slotsDecided``.
    public internal(set) var batchSlots = 0
    /// Client operations that completed: the client had its response.
    public internal(set) var operationsCompleted = 0
    /// Every time a leader was adopted, in order: the story of the leadership.
    public internal(set) var adoptions: [Adoption] = []
    /// Every fault applied, in order, with its virtual time.
    public internal(set) var faults: [(time: Int, fault: Fault)] = []

    /// A leader becoming active: a majority of acceptors adopted its `ballot` at `time`.
    public struct Adoption: Hashable, Sendable {
        public let time: Int
        public let leader: ProcessID
        public let ballot: Ballot
    }

    /// A counter of ``host``.
    public subscript<Value>(dynamicMember counter: KeyPath<HostStatistics, Value>) -> Value {
        host[keyPath: counter]
    }

    /// Messages sent of one kind.
    public func sent(_ kind: MessageKind) -> Int { host.sent(kind) }

    /// Messages sent per decided slot.
    public var messagesPerDecision: Double {
        slotsDecided == 0 ? 0 : Double(host.messagesSent) / Double(slotsDecided)
    }

    /// Messages sent per completed client operation: what one command costs, all messages of
    /// the run counted. With batching it falls as batches grow, towards the client's requests
    /// and the replicas' responses (``Settings/broadcastRequests``).
    public var messagesPerOperation: Double {
        operationsCompleted == 0 ? 0 : Double(host.messagesSent) / Double(operationsCompleted)
    }

    /// Messages among replicas, leaders, acceptors and their children (all but client requests
    /// and responses) per completed client operation: what batching divides.
    public var protocolMessagesPerOperation: Double {
        operationsCompleted == 0 ? 0 : Double(host.protocolMessagesSent) / Double(operationsCompleted)
    }
}

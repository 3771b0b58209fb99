import PMMC

/// One state of the explorer's search: every live process, every message in flight, every
/// pending timer, and what each client has been answered.
///
/// Two states are equal when their processes are equal and they hold the same messages and
/// timers, in whatever order. The hash is order-independent too, and cached per process and
/// for the network, so that a step rehashes only what it changed.
public struct ExplorationState<Machine: StateMachine & Hashable>: Hashable {
    /// Every live process, in id order (clients, replicas, leaders, acceptors, then the
    /// leaders' scouts and commanders), each boxed with its hash, so that the states a step
    /// leads to share every process it did not change.
    private var boxes: [ProcessBox] = []

    /// Every live process, in id order: clients, replicas, leaders, acceptors, then the
    /// leaders' scouts and commanders.
    public var processes: [Role<Machine>] { boxes.map(\.role) }

    /// The messages in flight, oldest first, each boxed with its hash, so that states share
    /// the messages they both have in flight and compare them by identity first.
    private var messages: [MessageBox] = []

    /// The messages in flight, oldest first (a message sent twice is here twice).
    public var network: [Envelope<Machine>] { messages.map(\.envelope) }
    /// The pending timers, oldest first; always empty unless timers may fire.
    public private(set) var timers: [PendingTimer] = []
    /// Each client's outputs so far, in order: `responses[i]` is client `i`'s.
    public private(set) var responses: [[Machine.Output?]]
    /// How many operations of the workload have not completed yet.
    public private(set) var operationsLeft: Int

    private var networkHash = 0
    /// Each message's hash and position in ``messages``, ordered by hash: two networks hold
    /// the same messages when, pair by pair, these match.
    private var networkKeys: [(hash: Int, position: Int)] = []
    private var timersHash = 0

    /// One process and its hash; never changed, replaced when the process changes.
    private final class ProcessBox {
        let role: Role<Machine>
        let id: ProcessID
        let hash: Int

        init(_ role: Role<Machine>) {
            self.role = role
            self.id = role.id
            self.hash = Self.quickHash(of: role)
        }

        /// A hash of the few numbers that change with nearly every step a process takes,
        /// instead of its whole state: equal processes still hash alike, and the rare
        /// processes that differ only elsewhere are told apart by `==`. A custom process
        /// hashes as it says.
        private static func quickHash(of role: Role<Machine>) -> Int {
            var hasher = Hasher()
            hasher.combine(role.id)
            switch role {
            case .client(let client):
                hasher.combine(client.nextRequestID)
                hasher.combine(client.pending == nil)
            case .replica(let replica):
                hasher.combine(replica.slotIn)
                hasher.combine(replica.slotOut)
                hasher.combine(replica.requests.count)
                hasher.combine(replica.proposals.count)
                hasher.combine(replica.decisions.count)
            case .leader(let leader):
                hasher.combine(leader.ballotNumber)
                hasher.combine(leader.active)
                hasher.combine(leader.proposals.count)
                hasher.combine(leader.childrenSpawned)
            case .acceptor(let acceptor):
                hasher.combine(acceptor.ballotNumber)
                hasher.combine(acceptor.accepted.count)
            case .scout(let scout):
                hasher.combine(scout.waitFor.count)
            case .commander(let commander):
                hasher.combine(commander.waitFor.count)
            case .custom(let custom):
                custom.hashState(into: &hasher)
            }
            return hasher.finalize()
        }
    }

    /// One message in flight and its hash.
    private final class MessageBox {
        let envelope: Envelope<Machine>
        let hash: Int

        init(_ envelope: Envelope<Machine>) {
            self.envelope = envelope
            self.hash = envelope.hashValue
        }
    }

    /// A timer a process has set and that has not fired.
    public struct PendingTimer: Hashable, Sendable, CustomStringConvertible {
        public let process: ProcessID
        public let timer: TimerID

        public var description: String { "\(timer) of \(process)" }
    }

    init(clients: Int, operations: Int) {
        responses = Array(repeating: [], count: clients)
        operationsLeft = operations
    }

    /// Whether every client has completed every operation of its workload.
    public var allOperationsCompleted: Bool { operationsLeft == 0 }

    /// The live process named `id`.
    public func process(_ id: ProcessID) -> Role<Machine>? {
        index(of: id).map { boxes[$0].role }
    }

    /// Every live replica, in index order.
    public var replicas: [Replica<Machine>] {
        boxes.compactMap { if case .replica(let replica) = $0.role { replica } else { nil } }
    }

    /// The process at `position` of ``processes``.
    func role(at position: Int) -> Role<Machine> { boxes[position].role }

    // MARK: Equality and hashing

    public static func == (lhs: ExplorationState, rhs: ExplorationState) -> Bool {
        lhs.networkHash == rhs.networkHash && lhs.timersHash == rhs.timersHash
            && lhs.operationsLeft == rhs.operationsLeft && lhs.boxes.count == rhs.boxes.count
            && zip(lhs.boxes, rhs.boxes).allSatisfy { $0 === $1 || ($0.hash == $1.hash && $0.role == $1.role) }
            && lhs.responses == rhs.responses
            && sameMessages(lhs, rhs) && sameElements(lhs.timers, rhs.timers)
    }

    /// Whether two states have the same messages in flight, in whatever order: paired by
    /// hash, each message equal to its partner. (Two different messages with one hash may pair
    /// wrongly; the states then count as different, which costs a revisit, never a state.)
    private static func sameMessages(_ lhs: ExplorationState, _ rhs: ExplorationState) -> Bool {
        guard lhs.messages.count == rhs.messages.count else { return false }
        if zip(lhs.messages, rhs.messages).allSatisfy({ $0 === $1 }) { return true }
        for (left, right) in zip(lhs.networkKeys, rhs.networkKeys) {
            let (one, other) = (lhs.messages[left.position], rhs.messages[right.position])
            guard one === other || (left.hash == right.hash && one.envelope == other.envelope) else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        for box in boxes { hasher.combine(box.hash) }
        hasher.combine(networkHash)
        hasher.combine(timersHash)
        hasher.combine(operationsLeft)
    }

    /// Whether two arrays hold the same elements as many times each, in any order.
    private static func sameElements<Element: Equatable>(_ left: [Element], _ right: [Element]) -> Bool {
        guard left.count == right.count else { return false }
        if left == right { return true }
        for element in left where left.count(where: { $0 == element }) != right.count(where: { $0 == element }) {
            return false
        }
        return true
    }

    // MARK: Changes, for the host

    /// The position of process `id` in ``processes``.
    func index(of id: ProcessID) -> Int? {
        var low = 0
        var high = boxes.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = boxes[middle].id
            if candidate == id { return middle }
            if candidate < id { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Adds `process` in id order; returns its position.
    @discardableResult
    mutating func insert(_ process: Role<Machine>) -> Int {
        let id = process.id
        let position = boxes.firstIndex { $0.id > id } ?? boxes.count
        boxes.insert(ProcessBox(process), at: position)
        return position
    }

    mutating func removeProcess(at position: Int) {
        boxes.remove(at: position)
    }

    /// Runs `body` on the process at `position`, then boxes and hashes it anew.
    @discardableResult
    mutating func update<Result>(_ position: Int, _ body: (inout Role<Machine>) -> Result) -> Result {
        var role = boxes[position].role
        let result = body(&role)
        boxes[position] = ProcessBox(role)
        return result
    }

    /// How many messages are in flight.
    var messageCount: Int { messages.count }

    /// The message at `position` of ``network``.
    func message(at position: Int) -> Envelope<Machine> { messages[position].envelope }

    /// Whether no message before `position` of ``network`` equals the one there.
    func isFirstCopy(at position: Int) -> Bool {
        let box = messages[position]
        return !messages[..<position].contains { $0 === box || ($0.hash == box.hash && $0.envelope == box.envelope) }
    }

    /// The position of the first message in flight equal to `envelope`.
    func position(of envelope: Envelope<Machine>) -> Int? {
        let hash = envelope.hashValue
        return messages.firstIndex { $0.hash == hash && $0.envelope == envelope }
    }

    mutating func send(_ envelope: Envelope<Machine>) {
        let box = MessageBox(envelope)
        let key = networkKeys.firstIndex { $0.hash > box.hash } ?? networkKeys.count
        networkKeys.insert((box.hash, messages.count), at: key)
        messages.append(box)
        networkHash &+= box.hash
    }

    mutating func removeMessage(at position: Int) {
        networkHash &-= messages.remove(at: position).hash
        networkKeys.removeAll { $0.position == position }
        for key in networkKeys.indices where networkKeys[key].position > position {
            networkKeys[key].position -= 1
        }
    }

    mutating func setTimer(_ timer: PendingTimer) {
        timers.append(timer)
        timersHash &+= timer.hashValue
    }

    mutating func removeTimer(at position: Int) {
        timersHash &-= timers.remove(at: position).hashValue
    }

    /// Drops every pending timer of `process`.
    mutating func removeTimers(of process: ProcessID) {
        while let position = timers.firstIndex(where: { $0.process == process }) {
            removeTimer(at: position)
        }
    }

    /// Drops every pending `timer`.
    mutating func removeTimers(_ timer: PendingTimer) {
        while let position = timers.firstIndex(of: timer) {
            removeTimer(at: position)
        }
    }

    mutating func respond(client: Int, _ output: Machine.Output?) {
        responses[client].append(output)
        operationsLeft -= 1
    }
}

import PMMC

/// One state of the explorer's search: every live process, every message in flight, every
/// pending timer, and what each client has been answered.
///
/// Two states are equal when their processes are equal and they hold the same messages and
/// timers, in whatever order. The hash is order-independent too, and cached per process and
/// for the network, so that a step rehashes only what it changed.
public struct ExplorationState<Machine: StateMachine & Hashable>: Hashable {
    /// Every live process, in id order: clients, replicas, leaders, acceptors, then the
    /// leaders' scouts and commanders. The host changes them through ``update(_:_:)``, which
    /// rehashes; it passes one `inout` only to the invariant monitor, which does not change it.
    public internal(set) var processes: [Role<Machine>] = []
    /// The messages in flight, oldest first (a message sent twice is here twice).
    public private(set) var network: [Envelope<Machine>] = []
    /// The pending timers, oldest first; always empty unless timers may fire.
    public private(set) var timers: [PendingTimer] = []
    /// Each client's outputs so far, in order: `responses[i]` is client `i`'s.
    public private(set) var responses: [[Machine.Output?]]
    /// How many operations of the workload have not completed yet.
    public private(set) var operationsLeft: Int

    private var processHashes: [Int] = []
    private var networkHash = 0
    private var timersHash = 0

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
        index(of: id).map { processes[$0] }
    }

    /// Every live replica, in index order.
    public var replicas: [Replica<Machine>] {
        processes.compactMap { if case .replica(let replica) = $0 { replica } else { nil } }
    }

    // MARK: Equality and hashing

    public static func == (lhs: ExplorationState, rhs: ExplorationState) -> Bool {
        lhs.networkHash == rhs.networkHash && lhs.timersHash == rhs.timersHash
            && lhs.processHashes == rhs.processHashes && lhs.operationsLeft == rhs.operationsLeft
            && lhs.responses == rhs.responses && lhs.processes == rhs.processes
            && sameElements(lhs.network, rhs.network) && sameElements(lhs.timers, rhs.timers)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(processHashes)
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
        var high = processes.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = processes[middle].id
            if candidate == id { return middle }
            if candidate < id { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Adds `process` in id order; returns its position.
    @discardableResult
    mutating func insert(_ process: Role<Machine>) -> Int {
        let id = process.id
        let position = processes.firstIndex { $0.id > id } ?? processes.count
        processes.insert(process, at: position)
        processHashes.insert(process.hashValue, at: position)
        return position
    }

    mutating func removeProcess(at position: Int) {
        processes.remove(at: position)
        processHashes.remove(at: position)
    }

    /// Runs `body` on the process at `position` in place, then rehashes it.
    @discardableResult
    mutating func update<Result>(_ position: Int, _ body: (inout Role<Machine>) -> Result) -> Result {
        let result = body(&processes[position])
        processHashes[position] = processes[position].hashValue
        return result
    }

    mutating func send(_ envelope: Envelope<Machine>) {
        network.append(envelope)
        networkHash &+= envelope.hashValue
    }

    mutating func removeMessage(at position: Int) {
        networkHash &-= network.remove(at: position).hashValue
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

    mutating func respond(client: Int, _ output: Machine.Output?) {
        responses[client].append(output)
        operationsLeft -= 1
    }
}

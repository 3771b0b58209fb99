import PMMC

/// The bus's table of processes, by dense index rather than by hashing: a slot per client,
/// replica, leader and acceptor, at its index, and for each leader the ids of its live scouts
/// and commanders, which its own entry serves. A send looks its receiver up here under the
/// bus's lock, so the lookup is an array index (and, for a child, a short linear search
/// among its leader's few children) instead of a `ProcessID` hash: hashing was about 4% of a
/// batched run's samples (Docs/Runtime.md, "Fewer hops and checks").
struct ProcessRegistry<Entry> {
    private var clients: [Entry?] = []
    private var replicas: [Entry?] = []
    private var leaders: [Entry?] = []
    private var acceptors: [Entry?] = []
    /// Each leader's live children, by the leader's index, in the order adopted.
    private var children: [[ProcessID]] = []

    /// The entry of live (or crashed) process `id`: for a scout or commander, its leader's.
    subscript(id: ProcessID) -> Entry? {
        switch id {
        case .client(let index): return Self.entry(clients, index)
        case .replica(let index): return Self.entry(replicas, index)
        case .leader(let index): return Self.entry(leaders, index)
        case .acceptor(let index): return Self.entry(acceptors, index)
        case .scout(let leader, _), .commander(let leader, _):
            guard leader >= 0, leader < children.count, children[leader].contains(id) else { return nil }
            return Self.entry(leaders, leader)
        }
    }

    /// Whether `id` is registered.
    func contains(_ id: ProcessID) -> Bool {
        self[id] != nil
    }

    /// Registers `entry` for `id`, which is not a scout or commander and is not registered.
    mutating func insert(_ entry: Entry, for id: ProcessID) {
        switch id {
        case .client(let index): Self.set(&clients, index, entry)
        case .replica(let index): Self.set(&replicas, index, entry)
        case .leader(let index): Self.set(&leaders, index, entry)
        case .acceptor(let index): Self.set(&acceptors, index, entry)
        case .scout, .commander: preconditionFailure("\(id) is registered by adopt(_:), under its leader")
        }
    }

    /// Registers scout or commander `child` under its leader, which must be registered.
    /// Returns the leader's entry, or `nil` if `child` is registered already.
    mutating func adopt(_ child: ProcessID) -> Entry? {
        guard case .leader(let leader) = child.host, let entry = Self.entry(leaders, leader) else {
            preconditionFailure("\(child) has no leader to host it")
        }
        if children.count <= leader {
            children += Array(repeating: [], count: leader + 1 - children.count)
        }
        guard !children[leader].contains(child) else { return nil }
        children[leader].append(child)
        return entry
    }

    /// Forgets `id`; returns its entry (its leader's, for a scout or commander), if it was
    /// registered.
    mutating func remove(_ id: ProcessID) -> Entry? {
        switch id {
        case .client(let index): return Self.take(&clients, index)
        case .replica(let index): return Self.take(&replicas, index)
        case .leader(let index): return Self.take(&leaders, index)
        case .acceptor(let index): return Self.take(&acceptors, index)
        case .scout(let leader, _), .commander(let leader, _):
            guard leader >= 0, leader < children.count, let position = children[leader].firstIndex(of: id) else { return nil }
            children[leader].remove(at: position)
            return Self.entry(leaders, leader)
        }
    }

    /// The live scouts and commanders of `leader`, in the order adopted.
    func children(of leader: ProcessID) -> [ProcessID] {
        guard case .leader(let index) = leader, index >= 0, index < children.count else { return [] }
        return children[index]
    }

    /// The ids of every registered client, replica, leader and acceptor, in order.
    var hosts: [ProcessID] {
        func ids(_ column: [Entry?], _ id: (Int) -> ProcessID) -> [ProcessID] {
            column.indices.filter { column[$0] != nil }.map(id)
        }
        return (ids(clients, ProcessID.client) + ids(replicas, ProcessID.replica) + ids(leaders, ProcessID.leader)
            + ids(acceptors, ProcessID.acceptor)).sorted()
    }

    /// The entries of every registered client, replica, leader and acceptor.
    var hostEntries: [Entry] {
        (clients + replicas + leaders + acceptors).compactMap { $0 }
    }

    mutating func removeAll() {
        self = ProcessRegistry()
    }

    private static func entry(_ column: [Entry?], _ index: Int) -> Entry? {
        index >= 0 && index < column.count ? column[index] : nil
    }

    private static func set(_ column: inout [Entry?], _ index: Int, _ entry: Entry) {
        precondition(index >= 0, "process index \(index) is negative")
        if column.count <= index {
            column += Array(repeating: nil, count: index + 1 - column.count)
        }
        column[index] = entry
    }

    private static func take(_ column: inout [Entry?], _ index: Int) -> Entry? {
        guard index >= 0, index < column.count else { return nil }
        defer { column[index] = nil }
        return column[index]
    }
}

extension ProcessRegistry: Sendable where Entry: Sendable {}

import PMMC

/// Maps a process id to its slot in the simulator's process table. Clients, replicas,
/// leaders and acceptors, which receive most messages, are found by role and index in
/// arrays; scouts and commanders, which come and go, in a dictionary.
struct ProcessDirectory {
    private var clients: [Int?] = []
    private var replicas: [Int?] = []
    private var leaders: [Int?] = []
    private var acceptors: [Int?] = []
    private var children: [ProcessID: Int] = [:]

    subscript(id: ProcessID) -> Int? {
        get {
            switch id {
            case .client(let index): clients.indices.contains(index) ? clients[index] : nil
            case .replica(let index): replicas.indices.contains(index) ? replicas[index] : nil
            case .leader(let index): leaders.indices.contains(index) ? leaders[index] : nil
            case .acceptor(let index): acceptors.indices.contains(index) ? acceptors[index] : nil
            case .scout, .commander: children[id]
            }
        }
        set {
            switch id {
            case .client(let index): Self.store(newValue, at: index, in: &clients)
            case .replica(let index): Self.store(newValue, at: index, in: &replicas)
            case .leader(let index): Self.store(newValue, at: index, in: &leaders)
            case .acceptor(let index): Self.store(newValue, at: index, in: &acceptors)
            case .scout, .commander: children[id] = newValue
            }
        }
    }

    /// Every process with a slot, in id order.
    var ids: [ProcessID] {
        func listed(_ slots: [Int?], _ make: (Int) -> ProcessID) -> [ProcessID] {
            slots.indices.filter { slots[$0] != nil }.map(make)
        }
        let hosts = listed(clients, ProcessID.client) + listed(replicas, ProcessID.replica)
            + listed(leaders, ProcessID.leader) + listed(acceptors, ProcessID.acceptor)
        return (hosts + children.keys).sorted()
    }

    private static func store(_ slot: Int?, at index: Int, in slots: inout [Int?]) {
        if index >= slots.count {
            slots.append(contentsOf: repeatElement(nil, count: index + 1 - slots.count))
        }
        slots[index] = slot
    }
}

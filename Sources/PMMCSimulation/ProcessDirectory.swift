import PMMC

/// Maps a process id to its slot in the simulator's process table, by role and index in
/// arrays, without hashing: clients, replicas, leaders and acceptors by index; a leader's
/// scouts and commanders, which come and go, by the number the leader gave them (``Children``).
struct ProcessDirectory {
    private var clients: [Int?] = []
    private var replicas: [Int?] = []
    private var leaders: [Int?] = []
    private var acceptors: [Int?] = []
    /// Each leader's scouts and commanders, by leader index.
    private var scouts: [Children] = []
    private var commanders: [Children] = []

    subscript(id: ProcessID) -> Int? {
        get {
            switch id {
            case .client(let index): clients.indices.contains(index) ? clients[index] : nil
            case .replica(let index): replicas.indices.contains(index) ? replicas[index] : nil
            case .leader(let index): leaders.indices.contains(index) ? leaders[index] : nil
            case .acceptor(let index): acceptors.indices.contains(index) ? acceptors[index] : nil
            case .scout(let leader, let number): scouts.indices.contains(leader) ? scouts[leader][number] : nil
            case .commander(let leader, let number): commanders.indices.contains(leader) ? commanders[leader][number] : nil
            }
        }
        set {
            switch id {
            case .client(let index): Self.store(newValue, at: index, in: &clients)
            case .replica(let index): Self.store(newValue, at: index, in: &replicas)
            case .leader(let index): Self.store(newValue, at: index, in: &leaders)
            case .acceptor(let index): Self.store(newValue, at: index, in: &acceptors)
            case .scout(let leader, let number): Self.store(newValue, number: number, of: leader, in: &scouts)
            case .commander(let leader, let number): Self.store(newValue, number: number, of: leader, in: &commanders)
            }
        }
    }

    /// Every process with a slot, in id order.
    var ids: [ProcessID] {
        func listed(_ slots: [Int?], _ make: (Int) -> ProcessID) -> [ProcessID] {
            slots.indices.filter { slots[$0] != nil }.map(make)
        }
        var ids = listed(clients, ProcessID.client) + listed(replicas, ProcessID.replica)
            + listed(leaders, ProcessID.leader) + listed(acceptors, ProcessID.acceptor)
        for (leader, children) in scouts.enumerated() {
            ids += children.numbers.map { ProcessID.scout(leader: leader, number: $0) }
        }
        for (leader, children) in commanders.enumerated() {
            ids += children.numbers.map { ProcessID.commander(leader: leader, number: $0) }
        }
        return ids.sorted()
    }

    private static func store(_ slot: Int?, at index: Int, in slots: inout [Int?]) {
        if index >= slots.count {
            slots.append(contentsOf: repeatElement(nil, count: index + 1 - slots.count))
        }
        slots[index] = slot
    }

    private static func store(_ slot: Int?, number: Int, of leader: Int, in children: inout [Children]) {
        if leader >= children.count {
            children.append(contentsOf: repeatElement(Children(), count: leader + 1 - children.count))
        }
        children[leader][number] = slot
    }
}

/// One leader's live children of one kind, by number. A leader numbers its children 1, 2,
/// 3, … and they exit roughly in that order, so the slots are kept from the lowest live
/// number on, and the exited ones below it are dropped once they are half the array.
struct Children {
    /// The number of the child in `slots[0]`.
    private var first = 0
    private var slots: [Int?] = []

    subscript(number: Int) -> Int? {
        get {
            let index = number - first
            return index >= 0 && index < slots.count ? slots[index] : nil
        }
        set {
            if slots.isEmpty, newValue != nil { first = number }
            if number < first {
                guard newValue != nil else { return }
                slots.insert(contentsOf: repeatElement(nil, count: first - number), at: 0)
                first = number
            }
            let index = number - first
            if index >= slots.count {
                guard newValue != nil else { return }
                slots.append(contentsOf: repeatElement(nil, count: index + 1 - slots.count))
            }
            slots[index] = newValue
            if newValue == nil { dropExited() }
        }
    }

    /// The numbers of the live children, ascending.
    var numbers: [Int] {
        slots.indices.filter { slots[$0] != nil }.map { first + $0 }
    }

    /// Drops the exited children below the lowest live one once they fill half the array.
    private mutating func dropExited() {
        guard let live = slots.firstIndex(where: { $0 != nil }) else {
            slots.removeAll(keepingCapacity: true)
            return
        }
        if live > 0, live * 2 >= slots.count {
            slots.removeFirst(live)
            first += live
        }
    }
}

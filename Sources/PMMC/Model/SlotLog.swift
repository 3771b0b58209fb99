/// A map from slot numbers to values, for what a role keeps per slot: a replica's `proposals`
/// and `decisions`, a leader's `proposals` (the sets of ⟨s, c⟩ pairs of the paper's figures 1
/// and 7). It suits any small numbers that move on as slots do, such as the numbers a leader
/// gives its commanders. It reads like the dictionary `[Int: Value]` it replaces (`log[slot]`,
/// `log[slot] = nil`, `keys`, `count`), but keeps the values in an array indexed by
/// `slot - first`, so that a lookup is a subtraction, not a hash.
///
/// The slots a role keeps are close together: a window past `slot_out`, or everything since
/// the last garbage collection. The array spans from the lowest slot held to the highest, and
/// drops the empty entries at its front once they are half of it, so memory stays in
/// proportion to that span, as a dictionary's to its count.
///
/// Unlike a dictionary's, ``keys``, ``values`` and iteration are in ascending slot order.
public struct SlotLog<Value> {
    /// The slot of `storage[0]`.
    private var first = 0
    /// The value of each slot from ``first`` on; `nil` where the log holds none.
    private var storage: [Value?] = []
    /// How many slots hold a value.
    public private(set) var count = 0

    /// An empty log.
    public init() {}

    /// Whether no slot holds a value.
    public var isEmpty: Bool { count == 0 }

    /// The value of `slot`, or `nil`; setting `nil` removes it.
    public subscript(slot: Int) -> Value? {
        get {
            let index = slot &- first
            return index >= 0 && index < storage.count ? storage[index] : nil
        }
        set {
            if let newValue {
                let index = place(slot)
                storage[index] = newValue
            } else {
                removeValue(forSlot: slot)
            }
        }
    }

    /// Removes the value of `slot` and returns it, or `nil` if it held none.
    @discardableResult
    public mutating func removeValue(forSlot slot: Int) -> Value? {
        let index = slot &- first
        guard index >= 0, index < storage.count, let value = storage[index].take() else { return nil }
        count -= 1
        if count == 0 {
            storage.removeAll(keepingCapacity: true)
        } else if index == 0 {
            dropEmptyFront()
        }
        return value
    }

    /// Removes the values of every slot below `slot` (garbage collection).
    public mutating func removeAll(below slot: Int) {
        guard !storage.isEmpty, slot > first else { return }
        let end = Swift.min(slot - first, storage.count)
        count -= storage[..<end].count { $0 != nil }
        if count == 0 {
            storage.removeAll(keepingCapacity: true)
        } else {
            storage.removeFirst(end)
            first += end
        }
    }

    /// Removes every value.
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        count = 0
    }

    /// The slots that hold a value, ascending.
    public var keys: [Int] {
        storage.indices.filter { storage[$0] != nil }.map { first + $0 }
    }

    /// The values, by ascending slot.
    public var values: [Value] {
        storage.compactMap { $0 }
    }

    /// The index in ``storage`` of `slot`, which the array is grown to hold.
    private mutating func place(_ slot: Int) -> Int {
        if storage.isEmpty {
            first = slot
        } else if slot < first {
            storage.insert(contentsOf: repeatElement(nil, count: first - slot), at: 0)
            first = slot
        }
        let index = slot - first
        if index == storage.count {
            // The common case, the next slot: append(contentsOf:) cost about 80 instructions more.
            storage.append(nil)
        } else if index > storage.count {
            storage.append(contentsOf: repeatElement(nil, count: index + 1 - storage.count))
        }
        if storage[index] == nil { count += 1 }
        return index
    }

    /// Drops the empty entries before the lowest slot held once they are half the array, so
    /// that a log whose slots move on (a window past `slot_out`) stays small.
    private mutating func dropEmptyFront() {
        guard let lowest = storage.firstIndex(where: { $0 != nil }), lowest * 2 >= storage.count else { return }
        storage.removeFirst(lowest)
        first += lowest
    }
}

extension SlotLog: Sequence {
    /// Visits each slot that holds a value, with the value, by ascending slot.
    public struct Iterator: IteratorProtocol {
        fileprivate let first: Int
        fileprivate var entries: IndexingIterator<[Value?]>
        fileprivate var index = 0

        public mutating func next() -> (slot: Int, value: Value)? {
            while let entry = entries.next() {
                defer { index += 1 }
                if let value = entry { return (first + index, value) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(first: first, entries: storage.makeIterator())
    }
}

extension SlotLog: ExpressibleByDictionaryLiteral {
    /// A log holding `elements`, e.g. `[1: command]`.
    public init(dictionaryLiteral elements: (Int, Value)...) {
        for (slot, value) in elements {
            self[slot] = value
        }
    }
}

extension SlotLog: Equatable where Value: Equatable {
    /// Whether both hold the same values for the same slots.
    public static func == (lhs: SlotLog, rhs: SlotLog) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs) { $0.slot == $1.slot && $0.value == $1.value }
    }
}

extension SlotLog: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for (slot, value) in self {
            hasher.combine(slot)
            hasher.combine(value)
        }
    }
}

extension SlotLog: Sendable where Value: Sendable {}

extension SlotLog: CustomStringConvertible {
    /// As a dictionary prints, in slot order: `[1: Put k1 v1, 3: Noop]`, or `[:]`.
    public var description: String {
        isEmpty ? "[:]" : "[" + map { "\($0.slot): \($0.value)" }.joined(separator: ", ") + "]"
    }
}

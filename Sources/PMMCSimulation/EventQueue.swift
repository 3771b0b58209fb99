/// A min-heap of events ordered by (time, sequence number): events at the same virtual time
/// run in the order they were scheduled, so the order never depends on anything but the run.
///
/// The heap holds small keys; the events themselves wait in a side table, so sifting moves
/// three integers instead of whole messages.
struct EventQueue<Event> {
    private struct Key {
        let time: Int
        let sequence: Int
        let slot: Int
    }

    private var heap: [Key] = []
    private var events: [Event?] = []
    private var freeSlots: [Int] = []
    private var nextSequence = 0

    var nextTime: Int? { heap.first?.time }

    /// Every queued event with its time and sequence number, in the order they would run.
    var entries: [(sequence: Int, time: Int, event: Event)] {
        heap.sorted(by: precedes).map { ($0.sequence, $0.time, events[$0.slot]!) }
    }

    mutating func schedule(_ event: consuming Event, at time: Int) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            events[slot] = event
        } else {
            slot = events.count
            events.append(event)
        }
        heap.append(Key(time: time, sequence: nextSequence, slot: slot))
        nextSequence += 1
        siftUp(from: heap.count - 1)
    }

    mutating func next() -> (time: Int, event: Event)? {
        guard !heap.isEmpty else { return nil }
        return remove(at: 0)
    }

    /// The event with sequence number `sequence`, left in the queue.
    func event(sequence: Int) -> Event? {
        heap.first { $0.sequence == sequence }.map { events[$0.slot]! }
    }

    /// Takes the event with sequence number `sequence` out of the queue, wherever it is.
    mutating func remove(sequence: Int) -> (time: Int, event: Event)? {
        guard let index = heap.firstIndex(where: { $0.sequence == sequence }) else { return nil }
        return remove(at: index)
    }

    private mutating func remove(at index: Int) -> (time: Int, event: Event) {
        heap.swapAt(index, heap.count - 1)
        let key = heap.removeLast()
        if index < heap.count {
            siftDown(from: siftUp(from: index))
        }
        let event = events[key.slot].take()!
        freeSlots.append(key.slot)
        return (key.time, event)
    }

    /// Moves the key at `child` up while it precedes its parent; returns where it ends.
    @discardableResult
    private mutating func siftUp(from child: Int) -> Int {
        var child = child
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
        return child
    }

    private mutating func siftDown(from parent: Int) {
        var parent = parent
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            var smallest = left
            if left + 1 < heap.count, precedes(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard precedes(heap[smallest], heap[parent]) else { break }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }

    private func precedes(_ lhs: Key, _ rhs: Key) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence < rhs.sequence
    }
}

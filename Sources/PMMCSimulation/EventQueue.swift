/// A min-heap of events ordered by (time, sequence number): events at the same virtual time
/// run in the order they were scheduled, so the order never depends on anything but the run.
///
/// The heap holds small keys; the events themselves wait in a side table, so sifting moves
/// three integers instead of whole messages. A cancelled event leaves its key in the heap
/// until the key reaches the top, where it is discarded unseen.
struct EventQueue<Event> {
    /// Names one scheduled event, for ``cancel(_:)``.
    struct Handle: Equatable {
        fileprivate let slot: Int
        /// The event's sequence number, as ``next()`` reports it.
        let sequence: Int
    }

    private struct Key {
        let time: Int
        let sequence: Int
        let slot: Int
    }

    private var heap: [Key] = []
    /// The events by slot; `nil` for a free slot or a cancelled event.
    private var events: [Event?] = []
    /// The sequence number of the event in each slot, so a stale handle cancels nothing.
    private var sequences: [Int] = []
    private var freeSlots: [Int] = []
    private var nextSequence = 0

    var nextTime: Int? { heap.first?.time }

    /// Every queued event with its time and sequence number, in the order they would run.
    var entries: [(sequence: Int, time: Int, event: Event)] {
        heap.sorted(by: precedes).compactMap { key in events[key.slot].map { (key.sequence, key.time, $0) } }
    }

    @discardableResult
    mutating func schedule(_ event: consuming Event, at time: Int) -> Handle {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            events[slot] = event
            sequences[slot] = nextSequence
        } else {
            slot = events.count
            events.append(event)
            sequences.append(nextSequence)
        }
        heap.append(Key(time: time, sequence: nextSequence, slot: slot))
        nextSequence += 1
        siftUp(from: heap.count - 1)
        return Handle(slot: slot, sequence: sequences[slot])
    }

    mutating func next() -> (time: Int, sequence: Int, event: Event)? {
        guard !heap.isEmpty else { return nil }
        return remove(at: 0)
    }

    /// Cancels the event `handle` names, if it is still queued.
    mutating func cancel(_ handle: Handle) {
        guard sequences[handle.slot] == handle.sequence else { return }
        events[handle.slot] = nil
        discardCancelledTop()
    }

    /// The event with sequence number `sequence`, left in the queue.
    func event(sequence: Int) -> Event? {
        heap.first { $0.sequence == sequence }.flatMap { events[$0.slot] }
    }

    /// Takes the event with sequence number `sequence` out of the queue, wherever it is.
    mutating func remove(sequence: Int) -> (time: Int, sequence: Int, event: Event)? {
        guard let index = heap.firstIndex(where: { $0.sequence == sequence }), events[heap[index].slot] != nil
        else { return nil }
        return remove(at: index)
    }

    /// Removes the key at `index` and returns its event. - Precondition: it is not cancelled.
    private mutating func remove(at index: Int) -> (time: Int, sequence: Int, event: Event) {
        let key = removeKey(at: index)
        let event = events[key.slot].take()!
        discardCancelledTop()
        return (key.time, key.sequence, event)
    }

    @discardableResult
    private mutating func removeKey(at index: Int) -> Key {
        heap.swapAt(index, heap.count - 1)
        let key = heap.removeLast()
        if index < heap.count {
            siftDown(from: siftUp(from: index))
        }
        sequences[key.slot] = -1
        freeSlots.append(key.slot)
        return key
    }

    /// Drops cancelled keys from the top, so that the top is always a live event.
    private mutating func discardCancelledTop() {
        while let top = heap.first, events[top.slot] == nil {
            removeKey(at: 0)
        }
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

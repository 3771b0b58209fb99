/// A min-heap of events ordered by (time, sequence number), the one queue every host keeps:
/// the simulator's in virtual ticks, the actor runtime's (timers and delayed messages) in
/// real deadlines. Events due at the same time come out in the order they were scheduled, so
/// the order never depends on anything but the run.
///
/// The heap holds small keys; the events themselves wait in a side table, so sifting moves a
/// time and two integers instead of whole messages. A cancelled event leaves its key in the
/// heap until the key reaches the top, where it is discarded unseen.
public struct EventQueue<Time: Comparable, Event> {
    /// Names one scheduled event, for ``cancel(_:)``.
    public struct Handle: Equatable, Sendable {
        fileprivate let slot: Int
        /// The event's sequence number, as ``next()`` reports it.
        public let sequence: Int
    }

    fileprivate struct Key {
        let time: Time
        let sequence: Int
        let slot: Int
    }

    private var heap: [Key] = []
    /// The events by slot; `nil` for a free slot or a cancelled event.
    private var events: [Event?] = []
    /// The sequence number of the event in each slot, so a stale handle cancels nothing; -1
    /// for a free slot or a cancelled event, so that a key is live if its sequence number
    /// matches its slot's, without looking at the event.
    private var sequences: [Int] = []
    private var freeSlots: [Int] = []
    private var nextSequence = 0

    public init() {}

    /// The time of the earliest event, if any.
    public var nextTime: Time? { heap.first?.time }

    /// Every queued event with its time and sequence number, in the order they would come out.
    public var entries: [(sequence: Int, time: Time, event: Event)] {
        heap.sorted { Self.precedes($0, $1) }.compactMap { key in events[key.slot].map { (key.sequence, key.time, $0) } }
    }

    /// Queues `event` for `time`; returns the handle that cancels it.
    @discardableResult
    public mutating func schedule(_ event: consuming Event, at time: Time) -> Handle {
        let sequence = nextSequence
        nextSequence += 1
        return schedule(event, at: time, sequence: sequence)
    }

    /// Queues `event` for `time` under a sequence number the caller keeps (``TickQueue``
    /// numbers the events of its buckets and of this heap in one series).
    /// - Precondition: `sequence` is above every sequence number given before.
    @discardableResult
    mutating func schedule(_ event: consuming Event, at time: Time, sequence: Int) -> Handle {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            events[slot] = event
            sequences[slot] = sequence
        } else {
            slot = events.count
            events.append(event)
            sequences.append(sequence)
        }
        heap.append(Key(time: time, sequence: sequence, slot: slot))
        siftUp(from: heap.count - 1)
        return Handle(slot: slot, sequence: sequence)
    }

    /// The time and sequence number of the earliest event, if any.
    var first: (time: Time, sequence: Int)? {
        heap.first.map { ($0.time, $0.sequence) }
    }

    /// Takes out the earliest event.
    public mutating func next() -> (time: Time, sequence: Int, event: Event)? {
        guard !heap.isEmpty else { return nil }
        return remove(at: 0)
    }

    /// Takes out the earliest event if it is due at `time` or before.
    public mutating func next(dueBy time: Time) -> (time: Time, sequence: Int, event: Event)? {
        guard let first = heap.first, first.time <= time else { return nil }
        return remove(at: 0)
    }

    /// Cancels the event `handle` names, if it is still queued.
    public mutating func cancel(_ handle: Handle) {
        guard sequences.indices.contains(handle.slot), sequences[handle.slot] == handle.sequence else { return }
        events[handle.slot] = nil
        sequences[handle.slot] = -1
        discardCancelledTop()
    }

    /// The event with sequence number `sequence`, left in the queue.
    public func event(sequence: Int) -> Event? {
        heap.first { $0.sequence == sequence }.flatMap { events[$0.slot] }
    }

    /// Takes the event with sequence number `sequence` out of the queue, wherever it is.
    public mutating func remove(sequence: Int) -> (time: Time, sequence: Int, event: Event)? {
        guard let index = heap.firstIndex(where: { $0.sequence == sequence }), isLive(heap[index]) else { return nil }
        return remove(at: index)
    }

    /// Forgets every event.
    public mutating func removeAll() {
        heap.removeAll()
        events.removeAll()
        sequences.removeAll()
        freeSlots.removeAll()
    }

    /// Removes the key at `index` and returns its event. - Precondition: it is not cancelled.
    private mutating func remove(at index: Int) -> (time: Time, sequence: Int, event: Event) {
        let key = removeKey(at: index)
        let event = events[key.slot].take()!
        discardCancelledTop()
        return (key.time, key.sequence, event)
    }

    @discardableResult
    private mutating func removeKey(at index: Int) -> Key {
        let key = heap[index]
        let last = heap.removeLast()
        if index < heap.count {
            fill(index, with: last)
        }
        sequences[key.slot] = -1
        freeSlots.append(key.slot)
        return key
    }

    /// Whether `key`'s event is still queued (not cancelled).
    private func isLive(_ key: Key) -> Bool {
        sequences[key.slot] == key.sequence
    }

    /// Drops cancelled keys from the top, so that the top is always a live event.
    private mutating func discardCancelledTop() {
        while let top = heap.first, !isLive(top) {
            removeKey(at: 0)
        }
    }

    /// Puts `key` into the hole at `index` and moves it up or down to where it belongs.
    private mutating func fill(_ index: Int, with key: Key) {
        if index > 0, Self.precedes(key, heap[(index - 1) / 2]) {
            heap[index] = key
            siftUp(from: index)
        } else {
            siftDown(key, from: index)
        }
    }

    /// Moves the key at `child` up while it precedes its parent; returns where it ends.
    /// Works on the heap's storage directly: the sift is the queue's inner loop, and an
    /// array's subscript and `swapAt` check bounds and uniqueness on every step.
    @discardableResult
    private mutating func siftUp(from child: Int) -> Int {
        heap.withUnsafeMutableBufferPointer { heap in
            var child = child
            let key = heap[child]
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.precedes(key, heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = key
            return child
        }
    }

    /// Moves `key`, meant for the hole at `parent`, down while a child precedes it.
    private mutating func siftDown(_ key: Key, from parent: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            var parent = parent
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                var smallest = left
                if left + 1 < heap.count, Self.precedes(heap[left + 1], heap[left]) { smallest = left + 1 }
                guard Self.precedes(heap[smallest], key) else { break }
                heap[parent] = heap[smallest]
                parent = smallest
            }
            heap[parent] = key
        }
    }

    private static func precedes(_ lhs: Key, _ rhs: Key) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence < rhs.sequence
    }
}

extension EventQueue: Sendable where Time: Sendable, Event: Sendable {}
extension EventQueue.Key: Sendable where Time: Sendable {}

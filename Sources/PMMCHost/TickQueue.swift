/// The simulator's event queue: events on integer ticks, taken out in the same (time, sequence
/// number) order as an ``EventQueue``, at a lower cost for the common case.
///
/// Most events are due within a few ticks of the last one taken out (a message's latency).
/// Their keys wait in a ring of first-in-first-out buckets, one per tick of the window
/// `[base, base + window)`, where `base` is the time of the event taken out last: scheduling
/// appends to a bucket, taking out pops its head, and nothing is sifted. Events due later
/// (timers) or earlier (a scripted schedule that ran ahead) wait in an ``EventQueue``, the
/// heap. Both share one series of sequence numbers, so a bucket holds its keys in sequence
/// order, and the earliest event is whichever comes first of the earliest bucket's front and
/// the heap's top.
///
/// A bucket is a linked list of nodes, all in one array, so that scheduling and taking out
/// allocate nothing once the array has grown; a cancelled event leaves its node in its list
/// until the node reaches the head.
public struct TickQueue<Event> {
    /// Names one scheduled event, for ``cancel(_:)``.
    public struct Handle: Equatable, Sendable {
        /// The event's node, or -1 for an event in the heap.
        fileprivate let slot: Int
        fileprivate let time: Int
        /// The event's sequence number, as ``next()`` reports it.
        public let sequence: Int
        /// The heap's handle, for an event that waits there.
        fileprivate let later: EventQueue<Int, Event>.Handle?
    }

    /// A bucketed event and the next node of its bucket (or of the free list), -1 for none.
    fileprivate struct Node {
        /// -1 once the event is taken out or cancelled.
        var sequence: Int
        var next: Int
        var event: Event?
    }

    /// Ticks in the window of buckets: a power of two, so that a time's bucket is its low bits.
    private static var window: Int { 64 }
    /// Each bucket is a list of nodes in sequence order, from its head to its tail (-1 for an
    /// empty bucket). The head of every bucket is live.
    private var heads = [Int](repeating: -1, count: window)
    private var tails = [Int](repeating: -1, count: window)
    private var nodes: [Node] = []
    /// The first node of the list of free nodes, -1 for none.
    private var freeNode = -1
    /// The first tick of the window. Buckets for ticks before it are empty.
    private var base = 0
    /// Events waiting in the buckets, cancelled ones not included.
    private var bucketed = 0
    private var heap = EventQueue<Int, Event>()
    private var nextSequence = 0

    public init() {}

    /// The time of the earliest event, if any.
    public var nextTime: Int? { front()?.time }

    /// Every queued event with its time and sequence number, in the order they would come out.
    public var entries: [(sequence: Int, time: Int, event: Event)] {
        var all = heap.entries
        for offset in 0..<Self.window {
            var node = heads[(base + offset) & (Self.window - 1)]
            while node >= 0 {
                if let event = nodes[node].event { all.append((nodes[node].sequence, base + offset, event)) }
                node = nodes[node].next
            }
        }
        return all.sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
    }

    /// Queues `event` for `time`; returns the handle that cancels it.
    @discardableResult
    public mutating func schedule(_ event: consuming Event, at time: Int) -> Handle {
        let sequence = nextSequence
        nextSequence += 1
        guard time >= base, time - base < Self.window else {
            return Handle(slot: -1, time: time, sequence: sequence, later: heap.schedule(event, at: time, sequence: sequence))
        }
        let node: Int
        if freeNode >= 0 {
            node = freeNode
            freeNode = nodes[node].next
            // A free node's event was taken out, so the node holds nothing to destroy: it is
            // initialized in place, where an assignment destroyed it first, through the
            // value witness of `Node` (about 60 instructions an event).
            var event: Event? = event
            nodes.withUnsafeMutableBufferPointer { nodes in
                (nodes.baseAddress! + node).initialize(to: Node(sequence: sequence, next: -1, event: event.take()))
            }
        } else {
            node = nodes.count
            nodes.append(Node(sequence: sequence, next: -1, event: event))
        }
        let bucket = time & (Self.window - 1)
        if tails[bucket] >= 0 {
            nodes[tails[bucket]].next = node
        } else {
            heads[bucket] = node
        }
        tails[bucket] = node
        bucketed += 1
        return Handle(slot: node, time: time, sequence: sequence, later: nil)
    }

    /// Takes out the earliest event.
    public mutating func next() -> (time: Int, sequence: Int, event: Event)? {
        next(dueBy: .max)
    }

    /// Takes out the earliest event if it is due at `time` or before.
    public mutating func next(dueBy time: Int) -> (time: Int, sequence: Int, event: Event)? {
        guard let (due, sequence, inBucket) = front(), due <= time else { return nil }
        // Every bucket before `due` is empty: the window can start there.
        base = max(base, due)
        guard inBucket else { return heap.next() }
        let bucket = due & (Self.window - 1)
        return (due, sequence, take(heads[bucket], from: bucket))
    }

    /// Cancels the event `handle` names, if it is still queued.
    public mutating func cancel(_ handle: Handle) {
        if let later = handle.later {
            heap.cancel(later)
        } else if nodes.indices.contains(handle.slot), nodes[handle.slot].sequence == handle.sequence {
            _ = take(handle.slot, from: handle.time & (Self.window - 1))
        }
    }

    /// The event with sequence number `sequence`, left in the queue.
    public func event(sequence: Int) -> Event? {
        if let node = nodes.firstIndex(where: { $0.sequence == sequence }) { return nodes[node].event }
        return heap.event(sequence: sequence)
    }

    /// Takes the event with sequence number `sequence` out of the queue, wherever it is.
    public mutating func remove(sequence: Int) -> (time: Int, sequence: Int, event: Event)? {
        for offset in 0..<Self.window {
            let bucket = (base + offset) & (Self.window - 1)
            var node = heads[bucket]
            while node >= 0, nodes[node].sequence != sequence { node = nodes[node].next }
            if node >= 0 { return (base + offset, sequence, take(node, from: bucket)) }
        }
        return heap.remove(sequence: sequence)
    }

    /// Forgets every event.
    public mutating func removeAll() {
        heads = [Int](repeating: -1, count: Self.window)
        tails = [Int](repeating: -1, count: Self.window)
        nodes.removeAll()
        freeNode = -1
        bucketed = 0
        heap.removeAll()
    }

    /// The earliest event's time and sequence number, and whether it waits in a bucket.
    private func front() -> (time: Int, sequence: Int, inBucket: Bool)? {
        let later = heap.first
        guard bucketed > 0 else { return later.map { ($0.time, $0.sequence, false) } }
        var time = base
        while heads[time & (Self.window - 1)] < 0 { time += 1 }
        let sequence = nodes[heads[time & (Self.window - 1)]].sequence
        if let later, (later.time, later.sequence) < (time, sequence) { return (later.time, later.sequence, false) }
        return (time, sequence, true)
    }

    /// Takes the event out of live node `node` of `bucket`. The node stays in its list until
    /// it reaches the head, where it is freed.
    private mutating func take(_ node: Int, from bucket: Int) -> Event {
        bucketed -= 1
        var head = heads[bucket]
        var free = freeNode
        // Through the buffer, so that the node array is checked for uniqueness once, not at
        // every write.
        let event = nodes.withUnsafeMutableBufferPointer { nodes in
            nodes[node].sequence = -1
            let event = nodes[node].event.take()!
            // Free the nodes at the head whose events are gone, so that the head is live.
            while head >= 0, nodes[head].sequence < 0 {
                let next = nodes[head].next
                nodes[head].next = free
                free = head
                head = next
            }
            return event
        }
        freeNode = free
        heads[bucket] = head
        if head < 0 { tails[bucket] = -1 }
        return event
    }
}

extension TickQueue: Sendable where Event: Sendable {}
extension TickQueue.Node: Sendable where Event: Sendable {}

import PMMC

/// Timers and delayed messages waiting for their deadline, earliest first (a binary heap).
/// The timers of one process can be cancelled together, when it exits or crashes.
struct TimerQueue<Machine: StateMachine> {
    /// What to do when a deadline passes.
    enum Action {
        /// Give `timer` to process `process`.
        case fire(TimerID, for: ProcessID)
        /// Deliver a message the bus held back (``NetworkFaults/extraDelay``). Boxed, so
        /// that heap entries stay small to move.
        indirect case deliver(Envelope<Machine>, id: Int)
    }

    private struct Entry {
        let deadline: ContinuousClock.Instant
        let sequence: Int
        /// Names the entry while it waits: `positions[slot]` is its index in the heap.
        let slot: Int
        let action: Action
    }

    private var heap: [Entry] = []
    private var sequence = 0
    /// The heap index of each waiting entry, by its slot. Slots of entries that are gone are
    /// in `freeSlots`, for reuse.
    private var positions: [Int] = []
    private var freeSlots: [Int] = []
    /// The slots of each process's waiting timers.
    private var slotsByProcess: [ProcessID: [Int]] = [:]

    /// The earliest deadline, if any.
    var nextDeadline: ContinuousClock.Instant? { heap.first?.deadline }

    mutating func schedule(_ action: Action, at deadline: ContinuousClock.Instant) {
        sequence += 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = positions.count
            positions.append(0)
        }
        if case .fire(_, let process) = action {
            slotsByProcess[process, default: []].append(slot)
        }
        heap.append(Entry(deadline: deadline, sequence: sequence, slot: slot, action: action))
        positions[slot] = heap.count - 1
        siftUp(heap.count - 1)
    }

    /// Removes every action due at `now`, in deadline order, appending them to `due`.
    mutating func popDue(at now: ContinuousClock.Instant, into due: inout [Action]) {
        while let first = heap.first, first.deadline <= now {
            remove(at: 0)
            if case .fire(_, let process) = first.action {
                forget(first.slot, of: process)
            }
            due.append(first.action)
        }
    }

    /// Removes every timer of `process` that has not come due; returns how many there were.
    mutating func cancelTimers(of process: ProcessID) -> Int {
        guard let slots = slotsByProcess.removeValue(forKey: process) else { return 0 }
        for slot in slots {
            remove(at: positions[slot])
        }
        return slots.count
    }

    mutating func removeAll() {
        heap.removeAll()
        positions.removeAll()
        freeSlots.removeAll()
        slotsByProcess.removeAll()
    }

    /// Removes the entry at heap index `index` and frees its slot.
    private mutating func remove(at index: Int) {
        freeSlots.append(heap[index].slot)
        let last = heap.count - 1
        if index != last {
            swapEntries(index, last)
        }
        heap.removeLast()
        if index < heap.count {
            siftDown(index)
            siftUp(index)
        }
    }

    /// Drops `slot` from the slots of `process`, whose timer in it came due.
    private mutating func forget(_ slot: Int, of process: ProcessID) {
        let index = slotsByProcess.index(forKey: process)!
        slotsByProcess.values[index].removeAll { $0 == slot }
        if slotsByProcess.values[index].isEmpty {
            slotsByProcess.remove(at: index)
        }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            swapEntries(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            let right = left + 1
            let child = right < heap.count && precedes(right, left) ? right : left
            guard precedes(child, parent) else { break }
            swapEntries(child, parent)
            parent = child
        }
    }

    private mutating func swapEntries(_ i: Int, _ j: Int) {
        heap.swapAt(i, j)
        positions[heap[i].slot] = i
        positions[heap[j].slot] = j
    }

    /// Whether entry `i` is due before entry `j`; reads only their keys.
    private func precedes(_ i: Int, _ j: Int) -> Bool {
        (heap[i].deadline, heap[i].sequence) < (heap[j].deadline, heap[j].sequence)
    }
}

import PMMC

/// Timers and delayed messages waiting for their deadline, earliest first (a binary heap).
struct TimerQueue<Machine: StateMachine> {
    /// What to do when a deadline passes.
    enum Action {
        /// Give `timer` to process `process`.
        case fire(TimerID, for: ProcessID)
        /// Deliver a message the bus held back (``NetworkFaults/extraDelay``). Boxed, so
        /// that heap entries stay small to move.
        indirect case deliver(Envelope<Machine>)
    }

    private struct Entry {
        let deadline: ContinuousClock.Instant
        let sequence: Int
        let action: Action
    }

    private var heap: [Entry] = []
    private var sequence = 0

    var isEmpty: Bool { heap.isEmpty }

    /// The earliest deadline, if any.
    var nextDeadline: ContinuousClock.Instant? { heap.first?.deadline }

    mutating func schedule(_ action: Action, at deadline: ContinuousClock.Instant) {
        sequence += 1
        heap.append(Entry(deadline: deadline, sequence: sequence, action: action))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes every action due at `now`, in deadline order, appending them to `due`.
    mutating func popDue(at now: ContinuousClock.Instant, into due: inout [Action]) {
        while !heap.isEmpty, heap[0].deadline <= now {
            heap.swapAt(0, heap.count - 1)
            due.append(heap.removeLast().action)
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                let right = left + 1
                let child = right < heap.count && precedes(right, left) ? right : left
                guard precedes(child, parent) else { break }
                heap.swapAt(child, parent)
                parent = child
            }
        }
    }

    /// Whether entry `i` is due before entry `j`; reads only their keys.
    private func precedes(_ i: Int, _ j: Int) -> Bool {
        (heap[i].deadline, heap[i].sequence) < (heap[j].deadline, heap[j].sequence)
    }

    mutating func removeAll() {
        heap.removeAll()
    }
}

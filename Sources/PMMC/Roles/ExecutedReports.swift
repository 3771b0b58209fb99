/// How far each replica of a configuration has executed, as its `executed` reports tell a
/// leader (garbage collection, paper §4.2). Every slot below the lowest of them is executed
/// everywhere, so no process needs what it kept for those slots.
struct ExecutedReports: Hashable, Sendable {
    private let replicas: [ProcessID]
    /// The highest `slot_out` each replica of ``replicas`` reported, in the same order.
    private var slotOuts: [Int]

    init(replicas: [ProcessID]) {
        self.replicas = replicas
        self.slotOuts = Array(repeating: 1, count: replicas.count)
    }

    /// The slot below which every replica has executed everything.
    var executedEverywhere: Int { slotOuts.min() ?? 1 }

    /// Records that `replica` has executed every slot below `slotOut`. Returns false if the
    /// report tells nothing new (an unknown replica, or an older report).
    mutating func record(_ slotOut: Int, from replica: ProcessID) -> Bool {
        guard let index = replicas.firstIndex(of: replica), slotOut > slotOuts[index] else { return false }
        slotOuts[index] = slotOut
        return true
    }
}

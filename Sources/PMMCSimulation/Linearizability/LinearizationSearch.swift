/// The search for a linearization of one key's operations: Wing & Gong's, with Lowe's
/// just-in-time linearization and the memoisation Porcupine adds.
///
/// The calls and returns stand in one list in time order (a call before a return at the
/// same time, so operations that touch are concurrent). Walking the list from the front,
/// the search tries each call it meets: if the operation can take effect in the current
/// state, and the pair (operations linearized, resulting state) was never reached before,
/// it lifts the operation's call and return out of the list, pushes it, and starts again
/// from the front. Meeting a return means that operation had to take effect before
/// anything further on: the search pops the last operation it linearized, puts it back,
/// and tries the next call after it. It succeeds when no completed operation is left, and
/// fails when it meets a return with nothing to pop.
///
/// An operation that never returned has a call and no return, so nothing forces it to be
/// linearized: the search may pick it anywhere after its call, or never. A get that never
/// returned constrains nothing and is left out.
struct LinearizationSearch {
    enum Outcome: Equatable {
        case linearizable
        /// The longest sequence of operations (indices into the key's operations) the
        /// search linearized before every way on failed.
        case notLinearizable(longest: [Int])
        /// The step limit ran out first.
        case unknown
    }

    let outcome: Outcome
    /// Steps taken: calls tried and operations popped.
    let steps: Int

    /// Searches `operations`, all on one key, for at most `stepLimit` steps if given.
    init(_ operations: [KeyValueHistory.Operation], stepLimit: Int?) {
        var values = ValueTable()
        var searched: [Int] = []
        var transitions: [Transition] = []
        for (index, operation) in operations.enumerated() {
            switch operation.input {
            case .put(_, let value): transitions.append(.write(values.number(value)))
            case .append(_, let value): transitions.append(.append(value))
            case .get:
                guard let output = operation.output else { continue }
                transitions.append(.read(values.number(output)))
            }
            searched.append(index)
        }
        let completed = searched.map { operations[$0].isComplete }
        var list = EntryList(searched.map { operations[$0] })
        var linearized = Bitset(count: searched.count)
        var reached: Set<Reached> = []
        var stack: [(node: Int, state: Int)] = []
        var longest: [Int] = []
        var state = ValueTable.empty
        var remaining = completed.count { $0 }
        var node = list.first
        var steps = 0
        while remaining > 0 {
            if steps == stepLimit {
                self.init(outcome: .unknown, steps: steps)
                return
            }
            steps += 1
            if let operation = list.callOperation(node) {
                if let next = values.apply(transitions[operation], of: operation, to: state) {
                    linearized.insert(operation)
                    if reached.insert(Reached(linearized: linearized, state: next)).inserted {
                        stack.append((node, state))
                        state = next
                        list.lift(node)
                        if completed[operation] { remaining -= 1 }
                        node = list.first
                        continue
                    }
                    linearized.remove(operation)
                }
                node = list.next(node)
            } else {
                if stack.count > longest.count { longest = stack.map { searched[list.operation(of: $0.node)] } }
                guard let (top, before) = stack.popLast() else {
                    self.init(outcome: .notLinearizable(longest: longest), steps: steps)
                    return
                }
                let operation = list.operation(of: top)
                state = before
                linearized.remove(operation)
                list.unlift(top)
                if completed[operation] { remaining += 1 }
                node = list.next(top)
            }
        }
        self.init(outcome: .linearizable, steps: steps)
    }

    private init(outcome: Outcome, steps: Int) {
        self.outcome = outcome
        self.steps = steps
    }

    /// A point the search reached: which operations it had linearized, and the state after.
    private struct Reached: Hashable {
        let linearized: Bitset
        let state: Int
    }
}

/// What an operation does to the key's value, as numbered by a ``ValueTable``.
private enum Transition {
    /// A put: the value becomes this one, whatever it was.
    case write(Int)
    /// An append of this text.
    case append(String)
    /// A get that returned this value: possible only in that state, which it leaves as is.
    case read(Int)
}

/// The values one key takes in the search, each distinct string numbered once (`""` is 0),
/// so that the search compares and memoises states as integers.
private struct ValueTable {
    static let empty = 0
    private var numbers: [String: Int] = ["": 0]
    private var strings: [String] = [""]
    /// The value after each append tried, by state and operation.
    private var appended: [Appended: Int] = [:]

    private struct Appended: Hashable {
        let state: Int
        let operation: Int
    }

    /// The number of `text`, numbering it if new.
    mutating func number(_ text: String) -> Int {
        if let number = numbers[text] { return number }
        numbers[text] = strings.count
        strings.append(text)
        return strings.count - 1
    }

    /// The state after `operation` (whose transition is `transition`) in `state`; `nil` if
    /// it cannot take effect there.
    mutating func apply(_ transition: Transition, of operation: Int, to state: Int) -> Int? {
        switch transition {
        case .write(let value): return value
        case .read(let value): return value == state ? state : nil
        case .append(let suffix):
            let key = Appended(state: state, operation: operation)
            if let value = appended[key] { return value }
            let value = number(strings[state] + suffix)
            appended[key] = value
            return value
        }
    }
}

/// A set of operation indices, hashable so that it can be memoised.
private struct Bitset: Hashable {
    private var words: [UInt64]

    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ member: Int) {
        words[member / 64] |= 1 << UInt64(member % 64)
    }

    mutating func remove(_ member: Int) {
        words[member / 64] &= ~(1 << UInt64(member % 64))
    }
}

/// The calls and returns of a key's operations in one doubly linked list, in time order,
/// kept as arrays of links. Node 0 is the head and the last node a tail, neither an entry;
/// the search never walks onto the tail, as a return always comes first while an operation
/// is left to linearize. Lifting an operation unlinks its entries and unlifting links them
/// back; as operations are unlifted in the reverse order they were lifted, each entry's own
/// links still say where it belongs (Knuth's dancing links).
private struct EntryList {
    private var successor: [Int]
    private var predecessor: [Int]
    /// The operation of each node's entry (-1 for head and tail).
    private let operations: [Int]
    /// Whether each node's entry is a call.
    private let isCall: [Bool]
    /// Each operation's return node; -1 for one that never returned.
    private let returnNode: [Int]

    init(_ history: [KeyValueHistory.Operation]) {
        var entries: [(time: Int, isReturn: Int, operation: Int)] = []
        for (index, operation) in history.enumerated() {
            entries.append((operation.call, 0, index))
            if let returned = operation.return { entries.append((returned, 1, index)) }
        }
        entries.sort { ($0.time, $0.isReturn, $0.operation) < ($1.time, $1.isReturn, $1.operation) }
        let tail = entries.count + 1
        successor = Array(1...tail) + [tail]
        predecessor = [0] + Array(0..<tail)
        operations = [-1] + entries.map(\.operation) + [-1]
        isCall = [false] + entries.map { $0.isReturn == 0 } + [false]
        var returnNode = Array(repeating: -1, count: history.count)
        for (offset, entry) in entries.enumerated() where entry.isReturn == 1 { returnNode[entry.operation] = offset + 1 }
        self.returnNode = returnNode
    }

    /// The first node after the head.
    var first: Int { successor[0] }

    func next(_ node: Int) -> Int { successor[node] }

    func operation(of node: Int) -> Int { operations[node] }

    /// The operation whose call `node` is; `nil` if `node` is a return.
    func callOperation(_ node: Int) -> Int? { isCall[node] ? operations[node] : nil }

    /// Unlinks the call `node` and its operation's return.
    mutating func lift(_ node: Int) {
        unlink(node)
        let returned = returnNode[operations[node]]
        if returned >= 0 { unlink(returned) }
    }

    /// Links back the call `node` and its return, the last lifted.
    mutating func unlift(_ node: Int) {
        let returned = returnNode[operations[node]]
        if returned >= 0 { relink(returned) }
        relink(node)
    }

    private mutating func unlink(_ node: Int) {
        successor[predecessor[node]] = successor[node]
        predecessor[successor[node]] = predecessor[node]
    }

    private mutating func relink(_ node: Int) {
        successor[predecessor[node]] = node
        predecessor[successor[node]] = node
    }
}

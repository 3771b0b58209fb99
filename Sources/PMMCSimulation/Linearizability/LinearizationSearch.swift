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
///
/// One addition for appends, whose order makes every value distinct so that memoisation
/// cannot merge orders: a value that the next get can no longer read is given up at once
/// (see ``KeyModel``).
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

    /// Searches `operations`, all on one key and in the order called, for at most
    /// `stepLimit` steps if given.
    init(_ operations: [KeyValueHistory.Operation], stepLimit: Int?) {
        let searched = operations.indices.filter { index in
            if case .get = operations[index].input { operations[index].isComplete } else { true }
        }
        let completed = searched.map { operations[$0].isComplete }
        let bit = Self.bits(completed)
        var model = KeyModel(searched.map { operations[$0] })
        var list = EntryList(searched.map { operations[$0] })
        var linearized = LinearizedSet(count: searched.count)
        var reached: Set<LinearizedSet.Point> = []
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
                switch model.linearize(operation, in: state) {
                case .state(let next):
                    linearized.insert(bit[operation])
                    if reached.insert(linearized.point(state: next)).inserted {
                        stack.append((node, state))
                        state = next
                        list.lift(node)
                        if completed[operation] { remaining -= 1 }
                        node = list.first
                        continue
                    }
                    linearized.remove(bit[operation])
                    model.undo(operation)
                case .deadEnd:
                    if stack.count + 1 > longest.count {
                        longest = stack.map { searched[list.operation(of: $0.node)] } + [searched[operation]]
                    }
                case .impossible:
                    break
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
                linearized.remove(bit[operation])
                model.undo(operation)
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

    /// Each operation's bit in a ``LinearizedSet``: the completed operations first, in the
    /// order given, then the pending ones.
    private static func bits(_ completed: [Bool]) -> [Int] {
        var bit = Array(repeating: 0, count: completed.count)
        let order = completed.indices.filter { completed[$0] } + completed.indices.filter { !completed[$0] }
        for (position, operation) in order.enumerated() { bit[operation] = position }
        return bit
    }
}

/// What an operation does to the key's value, as numbered by a ``ValueTable``.
private enum Transition {
    /// A put, the `rank`-th called: the value becomes `value`, whatever it was.
    case write(value: Int, rank: Int)
    /// An append of these bytes.
    case append([UInt8])
    /// A get, the `rank`-th called, that returned `value`: possible only in that state,
    /// which it leaves as is.
    case read(value: Int, rank: Int)
}

/// One key's operations as the search applies them, with a look-ahead for appends.
///
/// Between two puts, a key's value only grows. So once every put that could take effect
/// before a get has taken effect, the value must be a prefix of what that get read. The
/// model checks this against the first get (in the order called) not yet linearized, and
/// rejects a value that fails it: no continuation could linearize that get. Without this,
/// `k` appends concurrent with one another before the get that tells their order would be
/// tried in all `k!` orders, each giving a value of its own.
private struct KeyModel {
    private var values = ValueTable()
    private var transitions: [Transition] = []
    /// The gets, in the order called: each one's operation, the value it read, and how
    /// many puts were called no later than it returned (those that could precede it).
    private var reads: [(operation: Int, value: Int, putsBefore: Int)] = []
    /// The puts, in the order called.
    private var puts: [Int] = []
    private var linearized: [Bool]
    /// `reads[..<readsDone]` are linearized, and so are `puts[..<putsDone]`.
    private var readsDone = 0
    private var putsDone = 0

    /// The model of `operations`, in the order called, with no pending get among them.
    init(_ operations: [KeyValueHistory.Operation]) {
        linearized = Array(repeating: false, count: operations.count)
        var putCalls: [Int] = []
        for (index, operation) in operations.enumerated() {
            switch operation.input {
            case .put(_, let value):
                transitions.append(.write(value: values.number(value), rank: puts.count))
                puts.append(index)
                putCalls.append(operation.call)
            case .append(_, let value):
                transitions.append(.append(Array(value.utf8)))
            case .get:
                let value = values.number(operation.output!)
                transitions.append(.read(value: value, rank: reads.count))
                reads.append((index, value, 0))
            }
        }
        for position in reads.indices {
            let returned = operations[reads[position].operation].return!
            var low = 0
            var high = putCalls.count
            while low < high {
                let middle = (low + high) / 2
                if putCalls[middle] <= returned { low = middle + 1 } else { high = middle }
            }
            reads[position].putsBefore = low
        }
    }

    /// What became of an operation tried in some state.
    enum Step {
        /// It cannot take effect there: a get that read another value.
        case impossible
        /// It can, but leaves a value the next get cannot read.
        case deadEnd
        /// It took effect, leaving this state, and is marked linearized.
        case state(Int)
    }

    /// Tries `operation` in `state`.
    mutating func linearize(_ operation: Int, in state: Int) -> Step {
        guard let next = values.apply(transitions[operation], of: operation, to: state) else { return .impossible }
        linearized[operation] = true
        switch transitions[operation] {
        case .write: while putsDone < puts.count && linearized[puts[putsDone]] { putsDone += 1 }
        case .read: while readsDone < reads.count && linearized[reads[readsDone].operation] { readsDone += 1 }
        case .append: break
        }
        guard readsDone < reads.count, reads[readsDone].putsBefore <= putsDone else { return .state(next) }
        guard values.isPrefix(next, of: reads[readsDone].value) else {
            undo(operation)
            return .deadEnd
        }
        return .state(next)
    }

    /// Marks `operation` as not linearized.
    mutating func undo(_ operation: Int) {
        linearized[operation] = false
        switch transitions[operation] {
        case .write(_, let rank): putsDone = min(putsDone, rank)
        case .read(_, let rank): readsDone = min(readsDone, rank)
        case .append: break
        }
    }
}

/// The values one key takes in the search, each distinct one numbered once (the empty
/// value is 0), so that the search compares and memoises states as integers. Values are
/// compared byte for byte, as a store compares them, not as Swift compares strings.
private struct ValueTable {
    static let empty = 0
    private var numbers: [[UInt8]: Int] = [[]: 0]
    private var values: [[UInt8]] = [[]]
    /// The value after each append tried, by state and operation.
    private var appended: [Pair: Int] = [:]
    /// Whether one value is a prefix of another, by their numbers.
    private var prefixes: [Pair: Bool] = [:]

    private struct Pair: Hashable {
        let first: Int
        let second: Int
    }

    /// The number of `text`, numbering it if new.
    mutating func number(_ text: String) -> Int {
        number(Array(text.utf8))
    }

    private mutating func number(_ bytes: [UInt8]) -> Int {
        if let number = numbers[bytes] { return number }
        numbers[bytes] = values.count
        values.append(bytes)
        return values.count - 1
    }

    /// The state after `operation` (whose transition is `transition`) in `state`; `nil` if
    /// it cannot take effect there.
    mutating func apply(_ transition: Transition, of operation: Int, to state: Int) -> Int? {
        switch transition {
        case .write(let value, _): return value
        case .read(let value, _): return value == state ? state : nil
        case .append(let suffix):
            let key = Pair(first: state, second: operation)
            if let value = appended[key] { return value }
            let value = number(values[state] + suffix)
            appended[key] = value
            return value
        }
    }

    /// Whether value `prefix` begins value `value`.
    mutating func isPrefix(_ prefix: Int, of value: Int) -> Bool {
        let key = Pair(first: prefix, second: value)
        if let known = prefixes[key] { return known }
        let answer = values[value].starts(with: values[prefix])
        prefixes[key] = answer
        return answer
    }
}

/// The operations linearized so far, one bit each: the completed operations first, in the
/// order called, then the pending ones. The search linearizes completed operations roughly
/// in the order called, so the set is mostly a run of words of ones followed by a few words
/// with holes; ``point(state:)`` keeps only the length of the run and those few words.
private struct LinearizedSet {
    private var words: [UInt64]
    /// `words[..<fullWords]` are all ones.
    private var fullWords = 0
    /// `words[end...]` are all zeros.
    private var end = 0

    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ bit: Int) {
        let word = bit / 64
        words[word] |= 1 << UInt64(bit % 64)
        end = max(end, word + 1)
        while fullWords < end && words[fullWords] == .max { fullWords += 1 }
    }

    mutating func remove(_ bit: Int) {
        let word = bit / 64
        words[word] &= ~(1 << UInt64(bit % 64))
        fullWords = min(fullWords, word)
        while end > fullWords && words[end - 1] == 0 { end -= 1 }
    }

    /// The set and `state`, as the search memoises them.
    func point(state: Int) -> Point {
        let rest = words[fullWords..<end]
        return Point(
            fullWords: fullWords, state: state, first: rest.first ?? 0, second: rest.dropFirst().first ?? 0,
            more: Array(rest.dropFirst(2)))
    }

    /// A point the search reached: a set of linearized operations (words of ones, then the
    /// words up to the last one with a bit set, the first two of them inline so that most
    /// points need no array) and the state after them.
    struct Point: Hashable {
        let fullWords: Int
        let state: Int
        let first: UInt64
        let second: UInt64
        let more: [UInt64]
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

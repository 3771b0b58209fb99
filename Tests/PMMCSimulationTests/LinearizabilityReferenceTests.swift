import Testing
import PMMC
import PMMCHost
import PMMCSimulation

/// The checker against a reference that tries every order: on hundreds of small random
/// histories, some linearizable by construction and some made wrong, both must agree.
@Suite("Linearizability checker against brute force")
struct LinearizabilityReferenceTests {
    /// Whether some order of `operations` is legal: it keeps real-time order (an operation
    /// that returned before another was called comes first), places every completed
    /// operation and any of the pending ones, and gives every completed get the value it
    /// read. Tries every such order.
    static func bruteForce(_ operations: [HistoryOperation]) -> Bool {
        var placed = Array(repeating: false, count: operations.count)
        func search(_ store: [String: String]) -> Bool {
            let waiting = operations.indices.filter { !placed[$0] && operations[$0].isComplete }
            if waiting.isEmpty { return true }
            for candidate in operations.indices where !placed[candidate] {
                let call = operations[candidate].call
                guard !waiting.contains(where: { operations[$0].return! < call }) else { continue }
                var next = store
                switch operations[candidate].input {
                case .put(let key, let value): next[key] = value
                case .append(let key, let value): next[key, default: ""] += value
                case .get(let key):
                    if let output = operations[candidate].output, output != store[key, default: ""] { continue }
                }
                placed[candidate] = true
                defer { placed[candidate] = false }
                if search(next) { return true }
            }
            return false
        }
        return search([:])
    }

    /// A random history of up to 7 operations on keys `j` and `k`, short values that can
    /// combine into one another ("a" + "b" = "ab"), some operations pending. The outputs come
    /// from applying the operations at random instants within their intervals, so the
    /// history is linearizable; if `wrong`, one get's output is then replaced at random.
    static func randomHistory(seed: UInt64, wrong: Bool) -> [HistoryOperation] {
        var random = SeededRandom(seed: seed)
        let values = ["", "a", "b", "ab"]
        var operations: [(input: KeyValueStore.Operation, call: Int, return: Int?, point: Int)] = []
        for _ in 0..<random.uniform(in: 1...7) {
            let key = random.uniform(in: 0...1) == 0 ? "j" : "k"
            let value = values[random.uniform(in: 0...3)]
            let input: KeyValueStore.Operation = switch random.uniform(in: 0...2) {
            case 0: .put(key: key, value: value)
            case 1: .append(key: key, value: value)
            default: .get(key: key)
            }
            let call = random.uniform(in: 0...20)
            let returned = call + random.uniform(in: 0...8)
            let point = random.uniform(in: call...returned)
            operations.append((input, call, random.chance(0.15) ? nil : returned, point))
        }
        var store = KeyValueStore()
        var outputs = Array(repeating: "", count: operations.count)
        for index in operations.indices.sorted(by: { (operations[$0].point, $0) < (operations[$1].point, $1) }) {
            outputs[index] = store.apply(operations[index].input)
        }
        var history = operations.indices.map { index in
            let operation = operations[index]
            return HistoryOperation(client: index, input: operation.input, output: operation.return.map { _ in outputs[index] },
                                    call: operation.call, return: operation.return)
        }
        let gets = history.indices.filter { if case .get = history[$0].input { history[$0].isComplete } else { false } }
        if wrong, !gets.isEmpty {
            let index = gets[random.uniform(in: 0...gets.count - 1)]
            let read = history[index]
            let output = ["", "a", "b", "ab", "ba", "aa", "abab"][random.uniform(in: 0...6)]
            history[index] = HistoryOperation(client: read.client, input: read.input, output: output, call: read.call, return: read.return)
        }
        return history
    }

    @Test("the checker and the brute-force reference agree on 2,000 random histories")
    func agreesWithBruteForce() {
        var verdicts: [Bool: Int] = [:]
        for seed in 1...2_000 as ClosedRange<UInt64> {
            let history = Self.randomHistory(seed: seed, wrong: seed % 2 == 0)
            let expected = Self.bruteForce(history)
            let result = KeyValueHistory(history).checkLinearizability(stepLimit: 100_000)
            #expect((result.verdict == .linearizable) == expected, "seed \(seed): \(result); \(history)")
            if case .unknown = result.verdict { Issue.record("seed \(seed) undecided") }
            verdicts[expected, default: 0] += 1
        }
        #expect(verdicts[true, default: 0] > 1_000 && verdicts[false, default: 0] > 300, "both verdicts are common: \(verdicts)")
    }
}

import Testing
import PMMC
import PMMCSimulation

// Hand-made histories for the linearizability checker: each a small story with a known
// answer. `[call, return]` intervals are drawn in the comments, time running right.

typealias HistoryOperation = KeyValueHistory.Operation

extension KeyValueHistory.Operation {
    /// A put by `client` over `[call, return]` (`return` `nil`: it never returned).
    static func put(_ client: Int, _ key: String, _ value: String, _ call: Int, _ returned: Int?) -> Self {
        Self(client: client, input: .put(key: key, value: value), output: returned.map { _ in "" }, call: call, return: returned)
    }

    /// An append by `client` over `[call, return]`.
    static func append(_ client: Int, _ key: String, _ value: String, _ call: Int, _ returned: Int?) -> Self {
        Self(client: client, input: .append(key: key, value: value), output: returned.map { _ in "" }, call: call, return: returned)
    }

    /// A get by `client` over `[call, return]` that read `output`.
    static func get(_ client: Int, _ key: String, reads output: String, _ call: Int, _ returned: Int) -> Self {
        Self(client: client, input: .get(key: key), output: output, call: call, return: returned)
    }
}

/// The verdict on `operations`, with a step limit that no test here comes near.
private func verdict(_ operations: [HistoryOperation]) -> LinearizabilityResult.Verdict {
    KeyValueHistory(operations).checkLinearizability(stepLimit: 1_000_000).verdict
}

/// The violation in `operations`, if the checker finds one.
private func violation(_ operations: [HistoryOperation]) -> LinearizabilityViolation? {
    guard case .notLinearizable(let violation) = verdict(operations) else { return nil }
    return violation
}

@Suite("Linearizability checker")
struct LinearizabilityCheckerTests {
    @Test("an empty history is linearizable")
    func empty() {
        #expect(verdict([]) == .linearizable)
    }

    @Test("a sequential history that reads what was written is linearizable")
    func sequential() {
        #expect(verdict([
            .put(0, "k", "a", 0, 10),
            .get(1, "k", reads: "a", 20, 30),
            .append(0, "k", "b", 40, 50),
            .get(1, "k", reads: "ab", 60, 70),
            .put(1, "k", "c", 80, 90),
            .get(0, "k", reads: "c", 100, 110),
        ]) == .linearizable)
    }

    @Test("a get overlapping a put may read the old value or the new one")
    func concurrentReads() {
        // put a  [0---------10]
        // get      [5---------15]
        for read in ["", "a"] {
            #expect(verdict([.put(0, "k", "a", 0, 10), .get(1, "k", reads: read, 5, 15)]) == .linearizable, "read \(read)")
        }
        #expect(violation([.put(0, "k", "a", 0, 10), .get(1, "k", reads: "b", 5, 15)]) != nil)
    }

    @Test("a get of a key nobody wrote reads the empty string")
    func missingKey() {
        #expect(verdict([.get(0, "k", reads: "", 0, 10)]) == .linearizable)
        #expect(violation([.get(0, "k", reads: "a", 0, 10)]) != nil)
    }

    @Test("a stale read is caught: the get returns a value overwritten before it was called")
    func staleRead() throws {
        // put a [0--5]  put b [10--15]  get → a [20--25]
        let found = try #require(violation([
            .put(0, "k", "a", 0, 5), .put(0, "k", "b", 10, 15), .get(1, "k", reads: "a", 20, 25),
        ]))
        #expect(found.key == "k")
        #expect(found.longestLinearization == [0, 1], "both puts take effect, then the get cannot")
    }

    @Test("a lost write is caught: a completed append is missing from a later read")
    func lostWrite() {
        // append x [0--5]  append y [10--15]  get → x [20--25]
        #expect(violation([
            .append(0, "k", "x", 0, 5), .append(1, "k", "y", 10, 15), .get(2, "k", reads: "x", 20, 25),
        ]) != nil)
    }

    @Test("a duplicated append is caught: one append shows twice")
    func duplicatedAppend() {
        // append x [0--5]  get → xx [10--15]
        #expect(violation([.append(0, "k", "x", 0, 5), .get(1, "k", reads: "xx", 10, 15)]) != nil)
    }

    @Test("concurrent appends may take effect in either order, but both must")
    func concurrentAppends() {
        // append x [0------10]
        // append y  [2------12]
        // get                    [20--25]
        for read in ["xy", "yx"] {
            #expect(verdict([
                .append(0, "k", "x", 0, 10), .append(1, "k", "y", 2, 12), .get(2, "k", reads: read, 20, 25),
            ]) == .linearizable, "read \(read)")
        }
        for read in ["x", "y", "xyx", ""] {
            #expect(violation([
                .append(0, "k", "x", 0, 10), .append(1, "k", "y", 2, 12), .get(2, "k", reads: read, 20, 25),
            ]) != nil, "read \(read)")
        }
    }

    @Test("a write that never returned may become visible, or never")
    func pendingWriteVisible() {
        // put a [0-----------------… never returns
        // get          [10--15]  get [20--25]
        let pending = HistoryOperation.put(0, "k", "a", 0, nil)
        #expect(verdict([pending, .get(1, "k", reads: "a", 10, 15)]) == .linearizable, "took effect")
        #expect(verdict([pending, .get(1, "k", reads: "", 10, 15)]) == .linearizable, "not yet, or never")
        #expect(verdict([pending, .get(1, "k", reads: "", 10, 15), .get(1, "k", reads: "a", 20, 25)]) == .linearizable)
        #expect(violation([pending, .get(1, "k", reads: "a", 10, 15), .get(1, "k", reads: "", 20, 25)]) != nil,
                "once seen, it stays")
    }

    @Test("a write that never returned cannot be read before it was called")
    func pendingWriteReadEarly() {
        // get → a [0--5]   put a [10-----… never returns
        #expect(violation([.get(1, "k", reads: "a", 0, 5), .put(0, "k", "a", 10, nil)]) != nil)
    }

    @Test("a get that never returned constrains nothing")
    func pendingGet() {
        let pendingGet = HistoryOperation(client: 2, input: .get(key: "k"), output: nil, call: 0, return: nil)
        #expect(verdict([pendingGet, .put(0, "k", "a", 1, 5), .get(1, "k", reads: "a", 6, 9)]) == .linearizable)
        let found = violation([pendingGet, .put(0, "k", "a", 1, 5), .get(1, "k", reads: "", 6, 9)])
        #expect(found?.operations.first == pendingGet, "it is still listed with its key's operations")
    }

    @Test("operations that touch in time are concurrent; a gap orders them")
    func equalTimes() {
        // put a [0--5]
        // get        [5--10]  shares the instant 5, so may go first and read ""
        #expect(verdict([.put(0, "k", "a", 0, 5), .get(1, "k", reads: "", 5, 10)]) == .linearizable)
        #expect(violation([.put(0, "k", "a", 0, 5), .get(1, "k", reads: "", 6, 10)]) != nil)
    }

    @Test("only gets' outputs are checked: a put or append may acknowledge with anything")
    func writeOutputsUnchecked() {
        let acknowledged = HistoryOperation(client: 0, input: .put(key: "k", value: "a"), output: "OK", call: 0, return: 5)
        #expect(verdict([acknowledged, .get(1, "k", reads: "a", 6, 9)]) == .linearizable)
    }

    @Test("keys are checked apart, and the smallest failing key is named with only its operations")
    func partitioning() throws {
        let history: [HistoryOperation] = [
            .put(0, "c", "1", 0, 5), .get(1, "c", reads: "2", 10, 15),      // fails
            .put(0, "a", "1", 0, 5), .get(1, "a", reads: "1", 10, 15),      // fine
            .append(0, "b", "x", 0, 5), .get(1, "b", reads: "", 10, 15),    // fails
            .get(2, "d", reads: "", 0, 20),                                // fine
        ]
        let found = try #require(violation(history))
        #expect(found.key == "b")
        #expect(found.operations == [history[4], history[5]])
        #expect(violation(history.filter { $0.input.key != "b" })?.key == "c")
        #expect(verdict(history.filter { !["b", "c"].contains($0.input.key) }) == .linearizable)
    }

    @Test("a key's history interleaved with others' is judged as if alone")
    func keysDoNotInterfere() {
        // On one key this read would be stale; on two it is not.
        #expect(verdict([.put(0, "k", "a", 0, 5), .put(0, "j", "b", 10, 15), .get(1, "k", reads: "a", 20, 25)]) == .linearizable)
    }

    @Test("keys and values are compared byte for byte, not by Swift's canonical equivalence")
    func bytesNotCharacters() {
        let composed = "\u{E9}", decomposed = "e\u{301}"
        #expect(composed == decomposed, "Swift calls them equal")
        #expect(verdict([.put(0, composed, "a", 0, 5), .get(1, decomposed, reads: "", 10, 15)]) == .linearizable, "two keys")
        #expect(violation([.put(0, "k", composed, 0, 5), .get(1, "k", reads: decomposed, 10, 15)]) != nil, "two values")
        #expect(verdict([.append(0, "k", "e", 0, 5), .append(0, "k", "\u{301}", 6, 9), .get(1, "k", reads: decomposed, 10, 15)])
                == .linearizable)
        let found = violation([.put(0, composed, "1", 0, 5), .get(1, composed, reads: "2", 10, 15),
                               .put(0, decomposed, "1", 0, 5), .get(1, decomposed, reads: "2", 10, 15)])
        #expect(found.map { Array($0.key.utf8) } == Array(decomposed.utf8), "sorted by bytes: 0x65 0xCC 0x81 before 0xC3 0xA9")
        #expect(found?.operations.count == 2)
    }

    @Test("the verdict and its one-line description are the same every run and for any order of the history")
    func deterministic() {
        let history: [HistoryOperation] = [
            .put(0, "z", "1", 0, 5), .get(1, "z", reads: "2", 10, 15),
            .put(0, "k", "a", 0, 5), .put(0, "k", "b", 10, 15), .get(1, "k", reads: "a", 20, 25),
            .append(2, "m", "x", 30, nil),
        ]
        let expected = #"NOT linearizable: key "k" (3 operations): c0 put("k", "a") [0, 5] → ""; "#
            + #"c0 put("k", "b") [10, 15] → ""; c1 get("k") [20, 25] → "a""#
        #expect(KeyValueHistory(history).checkLinearizability().description == expected)
        let first = KeyValueHistory(history).checkLinearizability()
        for rotation in 1..<history.count {
            let rotated = Array(history[rotation...] + history[..<rotation])
            let result = KeyValueHistory(rotated).checkLinearizability()
            #expect(result.description == expected)
            guard case .notLinearizable(let found) = result.verdict else { continue }
            #expect(found.longestLinearization.map { found.operations[$0] } == [history[2], history[3]])
        }
        #expect(KeyValueHistory(history).checkLinearizability() == first)
        #expect(KeyValueHistory([]).checkLinearizability().description == "linearizable")
    }

    /// Twelve gets that overlap one another, then a get reading what nobody wrote. Every
    /// order of the twelve leads to the same state, so memoisation visits each of the 2¹²
    /// sets of them once; without it the search would try all 12! orders.
    static let concurrentGets = (0..<12).map { HistoryOperation.get($0, "k", reads: "", $0, 100) } + [.get(12, "k", reads: "x", 200, 210)]

    @Test("memoisation: each set of linearized operations and state is explored once")
    func memoisation() throws {
        let result = KeyValueHistory(Self.concurrentGets).checkLinearizability(stepLimit: 1_000_000)
        let found = try #require({ if case .notLinearizable(let found) = result.verdict { found } else { nil } }())
        #expect(found.longestLinearization == Array(0..<12))
        #expect(result.steps < 100_000, "\(result.steps) steps")
    }

    @Test("concurrent appends whose order only a later get tells are ordered without trying every order")
    func appendOrderFromALaterGet() {
        // ten appends  [0------------100]        get → "9876543210" [200--210]
        let appends = (0..<10).map { HistoryOperation.append($0, "k", String($0), $0, 100) }
        let result = KeyValueHistory(appends + [.get(10, "k", reads: "9876543210", 200, 210)]).checkLinearizability(stepLimit: 10_000)
        #expect(result.verdict == .linearizable, "\(result)")
        #expect(result.steps < 1_000, "10! = 3,628,800 orders, \(result.steps) steps")
        #expect(violation(appends + [.get(10, "k", reads: "987654321", 200, 210)]) != nil, "one append lost")
    }

    @Test("a search that runs out of steps answers unknown, unless another key fails")
    func stepLimit() {
        let undecided = KeyValueHistory(Self.concurrentGets).checkLinearizability(stepLimit: 1_000)
        #expect(undecided.verdict == .unknown(key: "k", stepLimit: 1_000))
        #expect(undecided.steps == 1_000)
        #expect(undecided.description == #"unknown: key "k" not decided within 1000 steps"#)

        let fine: [HistoryOperation] = [.put(0, "l", "a", 0, 5), .get(1, "l", reads: "a", 6, 9)]
        #expect(KeyValueHistory(Self.concurrentGets + fine).checkLinearizability(stepLimit: 1_000).verdict
                == .unknown(key: "k", stepLimit: 1_000))
        let failing: [HistoryOperation] = [.put(0, "l", "a", 0, 5), .get(1, "l", reads: "b", 6, 9)]
        let result = KeyValueHistory(Self.concurrentGets + failing).checkLinearizability(stepLimit: 1_000)
        guard case .notLinearizable(let found) = result.verdict else {
            Issue.record("expected key l to fail, got \(result)")
            return
        }
        #expect(found.key == "l")
    }
}

import PMMCTrace

extension KeyValueHistory {
    /// Whether the history is linearizable: whether every operation can be given a single
    /// instant between its call and its return at which it takes effect, such that applying
    /// the operations in that order to an empty store gives every get the value it returned.
    /// An operation that never returned may take effect at any instant after its call, or
    /// not at all. Only gets' outputs are checked; a put's or append's acknowledgement is not.
    ///
    /// Operations on different keys are independent, so the history is linearizable exactly
    /// when each key's operations are. Keys and values are compared byte for byte (UTF-8),
    /// as a store compares them, not by Swift's canonical equivalence, and keys are sorted
    /// by their bytes (for ASCII, alphabetically). The check takes the keys in that order
    /// and searches each as Wing & Gong, Lowe and Porcupine do (see
    /// `Docs/Linearizability.md`). It reports the smallest key whose operations are not
    /// linearizable; if there is none, but the search for some key ran out of steps, the
    /// smallest such key as undecided.
    ///
    /// - Parameter stepLimit: the most steps to spend on any one key (a step tries one
    ///   operation or takes one back), or `nil` for no limit. The search is exponential in
    ///   the worst case; a limit keeps a pathological history from taking forever.
    /// - Returns: the verdict, the same for the same history every time.
    public func checkLinearizability(stepLimit: Int? = nil) -> LinearizabilityResult {
        precondition(stepLimit.map { $0 > 0 } ?? true, "the step limit must be positive")
        var byKey: [[UInt8]: [(index: Int, operation: Operation)]] = [:]
        for (index, operation) in operations.enumerated() {
            byKey[Array(operation.input.key.utf8), default: []].append((index, operation))
        }
        var steps = 0
        var undecided: String?
        for indexed in byKey.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }).map(\.value) {
            let operations = indexed.sorted { ($0.operation.call, $0.index) < ($1.operation.call, $1.index) }.map(\.operation)
            let key = operations[0].input.key
            let search = LinearizationSearch(operations, stepLimit: stepLimit)
            steps += search.steps
            switch search.outcome {
            case .linearizable:
                continue
            case .unknown:
                undecided = undecided ?? key
            case .notLinearizable(let longest):
                let violation = LinearizabilityViolation(key: key, operations: operations, longestLinearization: longest)
                return LinearizabilityResult(verdict: .notLinearizable(violation), steps: steps)
            }
        }
        if let undecided, let stepLimit {
            return LinearizabilityResult(verdict: .unknown(key: undecided, stepLimit: stepLimit), steps: steps)
        }
        return LinearizabilityResult(verdict: .linearizable, steps: steps)
    }
}

/// What ``KeyValueHistory/checkLinearizability(stepLimit:)`` found.
public struct LinearizabilityResult: Hashable, Sendable, CustomStringConvertible {
    /// The answer.
    public enum Verdict: Hashable, Sendable {
        /// Every key's operations have a linearization.
        case linearizable
        /// The smallest key whose operations have none.
        case notLinearizable(LinearizabilityViolation)
        /// No key failed, but the search for this key (the smallest such) took `stepLimit`
        /// steps without an answer.
        case unknown(key: String, stepLimit: Int)
    }

    /// The answer.
    public let verdict: Verdict
    /// The search steps taken over all keys checked: a measure of the work, the same on
    /// every machine.
    public let steps: Int

    /// The verdict on one line: `linearizable`; `NOT linearizable: key "k" (2 operations):
    /// c0 put("k", "a") [0, 10] → ""; c1 get("k") [20, 30] → "b"`; or `unknown: key "k"
    /// not decided within 1000 steps`.
    public var description: String {
        switch verdict {
        case .linearizable:
            return "linearizable"
        case .notLinearizable(let violation):
            let count = violation.operations.count
            return "NOT linearizable: key \(JSONText.quoted(violation.key)) (\(count) operation\(count == 1 ? "" : "s")): "
                + violation.operations.map(\.description).joined(separator: "; ")
        case .unknown(let key, let stepLimit):
            return "unknown: key \(JSONText.quoted(key)) not decided within \(stepLimit) steps"
        }
    }
}

/// The operations on one key that have no linearization.
public struct LinearizabilityViolation: Hashable, Sendable {
    /// The key.
    public let key: String
    /// Every operation on the key, in the order called (ties in the history's order).
    public let operations: [KeyValueHistory.Operation]
    /// The longest sequence of these operations (indices into ``operations``, in the order
    /// they would take effect) that the search could linearize before every way on failed:
    /// a legal beginning, after which some operation could not take effect in time.
    public let longestLinearization: [Int]
}

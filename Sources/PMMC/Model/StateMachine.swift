/// A deterministic application that replicas keep in step by applying the same operations in
/// the same order.
///
/// `apply` must depend only on the machine's state and the operation: no clocks, no
/// randomness, no iteration over unordered collections that can show through the output.
public protocol StateMachine: Equatable, Sendable {
    /// What clients ask the machine to do.
    associatedtype Operation: Hashable, Sendable, CustomStringConvertible
    /// What the machine answers.
    associatedtype Output: Hashable, Sendable, CustomStringConvertible

    /// The initial state.
    init()

    /// Applies one operation and returns its output.
    mutating func apply(_ operation: Operation) -> Output

    /// About how many bytes `operation` takes in memory; see the default in the extension.
    static func approximateBytes(of operation: Operation) -> Int

    /// Writes `operation` in the slides' notation, as its `description` spells it; see the
    /// default in the extension.
    static func writeNotation(of operation: Operation, to output: inout some NotationOutput & ~Copyable)

    /// Whether this state equals `other`, given that the two were equal until each applied
    /// some of `operations` (not necessarily the same ones, nor in the same order); see the
    /// default in the extension.
    func isEqual(to other: Self, sinceApplying operations: [Operation]) -> Bool
}

extension StateMachine {
    /// About how many bytes `operation` takes in memory, for retained-state figures. By
    /// default its inline size; a machine whose operations hold heap storage (strings,
    /// arrays) says more.
    public static func approximateBytes(of operation: Operation) -> Int {
        MemoryLayout<Operation>.size
    }

    /// Writes `operation.description`. A machine whose operations are written often (every
    /// traced message carries one) can write the pieces instead, without building the string.
    public static func writeNotation(of operation: Operation, to output: inout some NotationOutput & ~Copyable) {
        output.write(text: operation.description)
    }

    /// `self == other`. A machine whose operations each change a part of the state that the
    /// operation names (a key-value store's key) can compare only those parts: the simulator's
    /// invariant monitor asks after every command a replica performs (R3), so a whole-state
    /// comparison makes the check cost the size of the state rather than what changed.
    public func isEqual(to other: Self, sinceApplying operations: [Operation]) -> Bool {
        self == other
    }
}

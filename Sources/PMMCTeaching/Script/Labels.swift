import PMMC

/// The slides' application: commands are bare labels (`A`, `B`), and performing one appends
/// it to a list, which is the answer: a client sees `[A]`, then `[A, B]`. The first
/// walk-throughs use it so that pvalues read `<0.1, 1, A>`.
public struct Labels: StateMachine {
    /// A label, printed as is.
    public typealias Operation = String
    /// The labels performed so far, this one included, e.g. `[A, B]`.
    public typealias Output = String

    /// The labels performed, in order.
    public private(set) var performed: [String] = []

    public init() {}

    public mutating func apply(_ operation: String) -> String {
        performed.append(operation)
        return "[" + performed.joined(separator: ", ") + "]"
    }
}

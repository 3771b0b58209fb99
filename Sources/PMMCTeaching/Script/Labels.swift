import PMMC

/// The slides' application: commands are bare labels (`A`, `B`), and performing one appends
/// it to a list. The first walk-throughs use it so that pvalues read `<0.1, 1, A>`.
public struct Labels: StateMachine {
    /// A label, printed as is.
    public typealias Operation = String
    /// How many labels have been performed, this one included.
    public typealias Output = Int

    /// The labels performed, in order.
    public private(set) var performed: [String] = []

    public init() {}

    public mutating func apply(_ operation: String) -> Int {
        performed.append(operation)
        return performed.count
    }
}

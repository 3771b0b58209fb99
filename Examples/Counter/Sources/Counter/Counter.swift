import PMMC

/// The application: one counter that clients add to. Any deterministic `StateMachine` can be
/// replicated; this one is small enough to check by hand.
struct Counter: StateMachine {
    enum Operation: Hashable, Sendable, CustomStringConvertible {
        case add(Int)
        case read

        var description: String {
            switch self {
            case .add(let amount): "add \(amount)"
            case .read: "read"
            }
        }
    }

    private(set) var total = 0

    mutating func apply(_ operation: Operation) -> Int {
        switch operation {
        case .add(let amount): total += amount
        case .read: break
        }
        return total
    }
}

import PMMC

/// How a search ended, what it found, and how much it explored.
public struct ExplorationResult<Machine: StateMachine & Hashable> {
    /// Why the search stopped.
    public enum Outcome {
        /// Every reachable state was visited and none broke an invariant.
        case exhausted
        /// A state broke an invariant; ``ExplorationResult/schedule`` is a shortest way there.
        case violation(ExplorationViolation)
        /// A state met the goal of this name; ``ExplorationResult/schedule`` is a shortest
        /// way there.
        case goal(String)
        /// A bound stopped the search before it saw every state; no violation within it.
        case bound(ExplorationBound)
    }

    public let outcome: Outcome
    /// How many distinct states were visited (the initial one included); for random walks,
    /// how many steps were taken.
    public let states: Int
    /// How many steps were taken, counting those that led to a state already seen.
    public let transitions: Int
    /// The length of the longest schedule explored.
    public let depth: Int
    /// Wall-clock seconds the search took.
    public let seconds: Double
    /// For a violation or a goal: the steps from the initial state, shortest first found.
    public let schedule: [ExplorationStep<Machine>]
    /// For a violation or a goal: the state reached.
    public let finalState: ExplorationState<Machine>?

    /// Distinct states visited per second of wall-clock time.
    public var statesPerSecond: Double { seconds > 0 ? Double(states) / seconds : 0 }

    /// The violation found, if any.
    public var violation: ExplorationViolation? {
        if case .violation(let violation) = outcome { return violation }
        return nil
    }
}

/// A state the search must never reach.
public enum ExplorationViolation: Hashable, Sendable, CustomStringConvertible {
    /// One of the paper's invariants, as the simulator's monitor checks them.
    case invariant(InvariantViolation)
    /// An invariant of ``ExplorationSettings/invariants``, by name.
    case predicate(String)
    /// Nothing is left to happen, yet this many operations never completed.
    case stuck(operationsLeft: Int)

    public var description: String {
        switch self {
        case .invariant(let violation): "\(violation.invariant) (\(violation.invariant.statement)): \(violation.detail)"
        case .predicate(let name): "invariant '\(name)' does not hold"
        case .stuck(let left): "nothing left to happen, but \(left) operation\(left == 1 ? "" : "s") never completed"
        }
    }
}

/// A limit of ``ExplorationSettings`` that stopped a search.
public enum ExplorationBound: String, Hashable, Sendable, CustomStringConvertible {
    /// States remained beyond ``ExplorationSettings/maxDepth``.
    case depth
    /// ``ExplorationSettings/maxStates`` states were visited.
    case states
    /// ``ExplorationSettings/timeLimit`` passed.
    case time
    /// Every random walk of ``Explorer/walk(_:seed:progress:)`` ended without a finding.
    case walks

    public var description: String { rawValue }
}

/// How far a search has come, reported about once a second.
public struct ExplorationProgress: Sendable {
    /// Distinct states visited so far; for random walks, steps taken.
    public let states: Int
    /// The depth being explored; for random walks, the longest walk so far.
    public let depth: Int
    /// States waiting to be expanded; for random walks, walks still to take.
    public let frontier: Int
    public let seconds: Double

    public var statesPerSecond: Double { seconds > 0 ? Double(states) / seconds : 0 }
}

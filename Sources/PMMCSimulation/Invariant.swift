import PMMC

/// The paper's invariants, by their names.
public enum Invariant: String, Sendable, CaseIterable, CustomStringConvertible {
    /// No two replicas decide different commands for the same slot.
    case r1 = "R1"
    /// Every slot below a replica's `slot_out` is decided.
    case r2 = "R2"
    /// A replica's state is its decisions below `slot_out` applied in order.
    case r3 = "R3"
    /// A replica's `slot_out` never decreases.
    case r4 = "R4"
    /// A replica proposes only for slots below `slot_out + WINDOW`.
    case r5 = "R5"
    /// An acceptor's ballot only increases.
    case a1 = "A1"
    /// An acceptor accepts only pvalues of its current ballot.
    case a2 = "A2"
    /// An acceptor's accepted set never shrinks.
    case a3 = "A3"
    /// No two acceptors accept different commands for the same ballot and slot.
    case a4 = "A4"
    /// Once a majority accepted ⟨b, s, c⟩, no acceptor accepts another command for s in a
    /// higher ballot.
    case a5 = "A5"
    /// No two commanders carry different commands for the same ballot and slot.
    case c1 = "C1"

    public var description: String { rawValue }

    /// What the invariant says, in one line.
    public var statement: String {
        switch self {
        case .r1: "no two replicas decide different commands for the same slot"
        case .r2: "every slot below slot_out is decided"
        case .r3: "a replica's state is its decisions applied in slot order"
        case .r4: "slot_out never decreases"
        case .r5: "proposals only for slots below slot_out + WINDOW"
        case .a1: "an acceptor's ballot only increases"
        case .a2: "an acceptor accepts only at its current ballot"
        case .a3: "an acceptor's accepted set never shrinks"
        case .a4: "one command per ballot and slot across acceptors"
        case .a5: "a majority-accepted command is the only one later ballots accept for its slot"
        case .c1: "one command per ballot and slot across commanders"
        }
    }
}

/// The first invariant violation a simulation found.
public struct InvariantViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public let invariant: Invariant
    /// The processes involved, the one whose step broke the invariant first.
    public let processes: [ProcessID]
    /// The event number (1 for the first event) at which it was found.
    public let step: Int
    /// Virtual time of that event.
    public let time: Int
    /// What exactly was seen.
    public let detail: String

    public var description: String {
        "\(invariant) violated at step \(step) (t=\(time)) by \(processes.map(\.description).joined(separator: ", ")): \(detail)"
    }
}

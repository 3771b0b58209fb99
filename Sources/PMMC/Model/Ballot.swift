/// A ballot number: a round paired with the leader that owns it, ordered lexicographically.
///
/// Leader `λ` owns ballots `(0, λ), (1, λ), …`, so two leaders never share a ballot. The
/// slides print ballot `(r, λ)` as `r.λ`; ``bottom`` (⊥, below every ballot) prints as `_`.
public struct Ballot: Hashable, Comparable, Sendable, NotationPrintable {
    /// The round; increases each time the leader is preempted.
    public let round: Int
    /// The index of the leader that owns this ballot.
    public let leader: Int

    /// A ballot of leader `leader` in round `round`.
    public init(round: Int, leader: Int) {
        precondition(round >= 0 && leader >= 0, "a ballot has a non-negative round and leader")
        self.round = round
        self.leader = leader
    }

    private init(bottomRound: Int) {
        round = bottomRound
        leader = bottomRound
    }

    /// ⊥: the initial ballot of every acceptor, smaller than every real ballot.
    public static let bottom = Ballot(bottomRound: -1)

    /// Whether this is ⊥.
    public var isBottom: Bool { round < 0 }

    public static func < (lhs: Ballot, rhs: Ballot) -> Bool {
        (lhs.round, lhs.leader) < (rhs.round, rhs.leader)
    }

    public func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        if isBottom {
            output.write("_")
        } else {
            output.write(round)
            output.write(".")
            output.write(leader)
        }
    }
}

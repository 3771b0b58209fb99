/// Every walk-through, in teaching order.
public enum Walkthroughs {
    public static let all: [Walkthrough] = [
        acceptors, ballots, gettingElected, handlingProposals, replicaWindow, logHoles, duplicateDecision, reconfiguration,
        duelingLeaders, leaderFailover, singleDecree,
    ]

    /// The walk-through called `name`, if any.
    public static func named(_ name: String) -> Walkthrough? {
        all.first { $0.name == name }
    }

    /// The walk-through `name` most likely meant, for a "did you mean" hint; `nil` if none is
    /// near.
    ///
    /// Ignoring case, a walk-through is near when its name contains `name` (of three
    /// characters or more), or when its name or one of the words of its name (`getting` and
    /// `elected` in `getting-elected`) is at most a third of `name`'s length of edits from it,
    /// and at least one. The fewest edits win; among equals, the first in ``all``.
    public static func nearest(to name: String) -> Walkthrough? {
        let typed = name.lowercased()
        let near = all.compactMap { walkthrough -> (edits: Int, walkthrough: Walkthrough)? in
            if typed.count >= 3, walkthrough.name.contains(typed) { return (0, walkthrough) }
            let candidates = [walkthrough.name] + walkthrough.name.split(separator: "-").map(String.init)
            let edits = candidates.map { editDistance(typed, $0) }.min() ?? .max
            return edits <= max(1, typed.count / 3) ? (edits, walkthrough) : nil
        }
        return near.min { $0.edits < $1.edits }?.walkthrough
    }

    /// The Levenshtein distance: the fewest characters to insert, delete or replace to turn
    /// `first` into `second`.
    static func editDistance(_ first: String, _ second: String) -> Int {
        let target = Array(second)
        var previous = Array(0...target.count)
        for (row, character) in first.enumerated() {
            var current = [row + 1]
            for (column, other) in target.enumerated() {
                current.append(min(previous[column + 1] + 1, current[column] + 1, previous[column] + (character == other ? 0 : 1)))
            }
            previous = current
        }
        return previous[target.count]
    }
}

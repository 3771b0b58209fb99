import PMMC

/// Process states in the notation of the UW CSE 452 slides ("PMMC made moderately simple"):
/// `ballot_num: 0.1`, `accepted: [<0.1, 1, A>]`, `active: false`, `proposals: [<1, A>]`, and a
/// replica's log with its `slot_out` and `slot_in` pointers.
public enum SlideNotation {
    /// How many of a replica's most recent slots its log shows.
    static let logSlotsShown = 8

    /// The state of `process`, or `nil` for roles the slides do not draw (clients, scouts,
    /// commanders, custom processes other than acceptors). A crashed process's title says so.
    public static func state<Machine>(of process: Role<Machine>, crashed: Bool) -> ProcessState? {
        let title: String
        let lines: [String]
        switch process {
        case .acceptor(let acceptor):
            title = "Acceptor \(acceptor.id)"
            lines = acceptorLines(ballot: acceptor.ballotNumber, accepted: acceptor.accepted)
        case .leader(let leader):
            title = "Leader \(leader.id)"
            lines = [
                "active: \(leader.active)",
                "ballot_num: \(leader.ballotNumber)",
                "proposals: " + list(leader.proposals.keys.sorted().map { "<\($0), \(leader.proposals[$0]!)>" }),
            ] + (leader.monitoring.map { ["watching: \($0)"] } ?? [])
        case .replica(let replica):
            title = "Replica \(replica.id)"
            lines = replicaLines(replica)
        case .custom(let custom):
            guard let (ballot, accepted) = custom.acceptorState else { return nil }
            title = "Acceptor \(custom.id)"
            lines = acceptorLines(ballot: ballot, accepted: accepted)
        case .client, .scout, .commander:
            return nil
        }
        return ProcessState(process: process.id, title: crashed ? title + " (crashed)" : title, lines: lines, changed: false)
    }

    static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    private static func acceptorLines<Machine>(ballot: Ballot, accepted: [PValue<Machine>]) -> [String] {
        ["ballot_num: \(ballot)", "accepted: " + list(accepted.map(\.description))]
    }

    /// `slot_out` and `slot_in`, then one line per slot: the decided command, or the command
    /// this replica proposed in brackets, with arrows at the two pointers.
    private static func replicaLines<Machine>(_ replica: Replica<Machine>) -> [String] {
        let lastSlot = max(replica.slotIn, replica.slotOut, (replica.decisions.keys.max() ?? 0) + 1, (replica.proposals.keys.max() ?? 0) + 1)
        let firstSlot = max(1, lastSlot - logSlotsShown + 1)
        var lines = ["slot_out: \(replica.slotOut)  slot_in: \(replica.slotIn)"]
        if firstSlot > 1 { lines.append("  … \(firstSlot - 1) earlier slot\(firstSlot == 2 ? "" : "s")") }
        let cells = (firstSlot...lastSlot).map { slot -> String in
            if let decided = replica.decisions[slot] { return "\(decided)" }
            if let proposed = replica.proposals[slot] { return "[\(proposed)]" }
            return "·"
        }
        let width = cells.map(\.count).max() ?? 0
        for (slot, cell) in zip(firstSlot...lastSlot, cells) {
            var pointers: [String] = []
            if slot == replica.slotOut { pointers.append("slot_out") }
            if slot == replica.slotIn { pointers.append("slot_in") }
            let padded = cell + String(repeating: " ", count: width - cell.count)
            let line = "  \(slot) \(padded)" + (pointers.isEmpty ? "" : "  ← " + pointers.joined(separator: ", "))
            lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        lines.append("requests: " + list(replica.requests.map(\.description)))
        lines.append("leaders: " + list(replica.leaders.map(\.description)))
        return lines
    }
}

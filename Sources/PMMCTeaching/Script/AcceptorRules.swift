import PMMC
import PMMCSimulation

/// The four acceptor rules of the slides, checked over the states an acceptor went through:
/// ballot numbers only increase; only values of the current ballot are accepted; accepted
/// pvalues are never removed; and a value chosen by a majority in a slot is the only value
/// accepted there in any higher ballot.
struct AcceptorRules<Machine: StateMachine> {
    private struct Snapshot {
        let ballot: Ballot
        let accepted: [PValue<Machine>]
    }

    private let acceptors: [ProcessID]
    private var history: [ProcessID: [Snapshot]] = [:]

    init(acceptors: [ProcessID]) {
        self.acceptors = acceptors
    }

    /// Records every acceptor's state; call it after each step.
    mutating func record(_ simulation: Simulation<Machine>) {
        for id in acceptors {
            guard let (ballot, accepted) = simulation.process(id)?.acceptorState else { continue }
            history[id, default: []].append(Snapshot(ballot: ballot, accepted: accepted))
        }
    }

    /// The four rules, each as a ``Transcript/Check`` over everything recorded.
    func checks() -> [Transcript.Check] {
        var increase = true, currentOnly = true, neverRemoved = true
        var ballots: [String] = []
        for id in acceptors {
            let states = history[id] ?? []
            ballots.append("\(id): " + states.map(\.ballot.description).joined(separator: " → "))
            for (before, after) in zip(states, states.dropFirst()) {
                if after.ballot < before.ballot { increase = false }
                if !after.accepted.starts(with: before.accepted) { neverRemoved = false }
                for pvalue in after.accepted.dropFirst(before.accepted.count) where pvalue.ballot != after.ballot {
                    currentOnly = false
                }
            }
        }
        let final = acceptors.compactMap { history[$0]?.last }
        let accepted = final.flatMap(\.accepted)
        let majority = acceptors.count / 2 + 1
        var distinct: [PValue<Machine>] = []
        for pvalue in accepted where !distinct.contains(pvalue) { distinct.append(pvalue) }
        let chosen = distinct.filter { pvalue in final.count { $0.accepted.contains(pvalue) } >= majority }
        var conflicts: [String] = []
        for value in chosen {
            for later in distinct where later.slot == value.slot && later.ballot > value.ballot && later.command != value.command {
                conflicts.append("\(value) chosen, but \(later) accepted")
            }
        }
        return [
            Transcript.Check(name: "A1", statement: "ballot numbers only increase", holds: increase, detail: ballots.joined(separator: "; ")),
            Transcript.Check(name: "A2", statement: "an acceptor accepts only values of its current ballot", holds: currentOnly,
                  detail: "accepted: " + SlideNotation.list(accepted.map(\.description))),
            Transcript.Check(name: "A3", statement: "accepted pvalues are never removed", holds: neverRemoved,
                  detail: "each step's accepted list extends the one before"),
            Transcript.Check(name: "A5", statement: "a value chosen by a majority on ballot b is the only value accepted in its slot on any ballot b' > b",
                  holds: conflicts.isEmpty,
                  detail: conflicts.isEmpty
                      ? "chosen by a majority: " + SlideNotation.list(chosen.map(\.description))
                      : conflicts.joined(separator: "; ")),
        ]
    }
}

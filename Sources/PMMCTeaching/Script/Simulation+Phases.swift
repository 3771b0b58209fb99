import PMMC
import PMMCSimulation

/// The two phases as walk-throughs script them when the story is not about their details.
extension Simulation {
    /// Phase 1 for `leader`: its scout's p1a reaches every one of `acceptors`, the first
    /// majority of them answer, and the scout's `adopted` reaches the leader.
    public func elect(_ leader: ProcessID, by acceptors: [ProcessID]) throws(SimulationError) {
        for acceptor in acceptors { try deliver(.p1a, from: leader, to: acceptor) }
        for acceptor in acceptors.prefix(acceptors.count / 2 + 1) { try deliver(.p1b, from: acceptor, to: leader) }
        try deliver(.adopted, to: leader)
    }

    /// Phase 2 for `leader`'s oldest commander: its p2a reaches each of `acceptors`, and each
    /// one's p2b comes back.
    public func accept(from leader: ProcessID, at acceptors: [ProcessID]) throws(SimulationError) {
        for acceptor in acceptors { try deliver(.p2a, from: leader, to: acceptor) }
        for acceptor in acceptors { try deliver(.p2b, from: acceptor, to: leader) }
    }
}

/// Phase 2 for one slot when a leader has several commanders running.
extension Simulation {
    /// Phase 2 for the commander `leader` runs for `slot`: its p2a reaches each of
    /// `acceptors`, and each one's p2b comes back.
    public func accept(slot: Int, from leader: ProcessID, at acceptors: [ProcessID]) throws(SimulationError) {
        guard case .leader(let role) = process(leader), let commander = role.runningCommanders[slot] else {
            throw .noSuchEvent("commander of \(leader) for slot \(slot)")
        }
        for acceptor in acceptors { try deliver(.p2a, from: commander, to: acceptor) }
        for acceptor in acceptors { try deliver(.p2b, from: acceptor, to: commander) }
    }
}

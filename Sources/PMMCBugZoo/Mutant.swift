import PMMC
import PMMCSimulation

/// The bug zoo: named protocol mutants, each a real mistake made in implementations of
/// Multi-Paxos, built as custom roles that decorate the real ones (the role files stay as the
/// paper's figures). Install one into an exploration or a simulation and see which tool
/// catches it: Docs/Verification.md walks through each.
public enum Mutant: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Scouts and commanders take the first reply for a majority: the majority test of figure
    /// 6 turned around (``InvertedQuorumScout``, ``MutantCommander``).
    case invertedQuorum = "inverted-quorum"
    /// Leaders act on a stale `preempted` (``StalePreemptedLeader``).
    case stalePreempted = "stale-preempted"
    /// Acceptor `a0` accepts a higher ballot's p2a without adopting the ballot
    /// (``AcceptWithoutAdoptingAcceptor``).
    case acceptWithoutAdopting = "accept-without-adopting"
    /// Replicas do not propose again a command that lost its slot (``NoReproposalReplica``).
    case noReproposal = "no-reproposal"
    /// Leaders ignore the pvalues of `adopted` (``MutantLeader/Mistake/skipPmax``).
    case skipPmax = "skip-pmax"
    /// Commanders count p2b of any ballot towards their majority (``MutantCommander``).
    case mixedBallotQuorum = "mixed-ballot-quorum"

    public var description: String { rawValue }

    /// The mistake, in one line.
    public var summary: String {
        switch self {
        case .invertedQuorum: "scouts and commanders take the first reply for a majority"
        case .stalePreempted: "leaders act on a stale preempted and may reuse a ballot"
        case .acceptWithoutAdopting: "acceptor a0 accepts a higher ballot's p2a without adopting it"
        case .noReproposal: "replicas drop their own command when another wins its slot"
        case .skipPmax: "leaders ignore what acceptors accepted (no pmax) when adopted"
        case .mixedBallotQuorum: "commanders count p2b of any ballot as acceptance"
        }
    }

    /// The processes the mutant replaces in a cluster of `replicas` and `leaders`.
    public func targets(replicas: Int, leaders: Int) -> [ProcessID] {
        switch self {
        case .invertedQuorum, .stalePreempted, .skipPmax, .mixedBallotQuorum: (0..<leaders).map(ProcessID.leader)
        case .acceptWithoutAdopting: [.acceptor(0)]
        case .noReproposal: (0..<replicas).map(ProcessID.replica)
        }
    }

    /// The mutant of `process`, a process the mutant replaces (see ``targets(replicas:leaders:)``);
    /// `nil` for any other.
    /// `settings` are the protocol's, for a mutant that makes its own children.
    public func mutate<Machine: StateMachine & Hashable>(_ process: Role<Machine>, settings: Settings) -> (any CustomRole<Machine>)? {
        switch (self, process) {
        case (.invertedQuorum, .leader(let leader)): MutantLeader(leader, mistake: .invertedQuorum)
        case (.stalePreempted, .leader(let leader)): StalePreemptedLeader(leader, settings: settings)
        case (.skipPmax, .leader(let leader)): MutantLeader(leader, mistake: .skipPmax)
        case (.mixedBallotQuorum, .leader(let leader)): MutantLeader(leader, mistake: .mixedBallotQuorum)
        case (.acceptWithoutAdopting, .acceptor(let acceptor)): AcceptWithoutAdoptingAcceptor<Machine>(id: acceptor.id)
        case (.noReproposal, .replica(let replica)): NoReproposalReplica(replica)
        default: nil
        }
    }

    /// Replaces the mutant's targets in `settings`.
    public func install<Machine: StateMachine & Hashable>(into settings: inout ExplorationSettings<Machine>) {
        for id in targets(replicas: settings.replicas, leaders: settings.leaders) {
            let protocolSettings = settings.settings
            settings.replace(id) { process in mutate(process, settings: protocolSettings)! }
        }
    }

    /// Replaces the mutant's targets in `simulation`, as they are now.
    public func install<Machine: StateMachine & Hashable>(into simulation: Simulation<Machine>) throws(SimulationError) {
        let options = simulation.options
        for id in targets(replicas: options.replicas, leaders: options.leaders) {
            guard let process = simulation.process(id), let mutant = mutate(process, settings: options.settings) else {
                throw .unknownProcess(id)
            }
            try simulation.replace(id, with: mutant)
        }
    }
}

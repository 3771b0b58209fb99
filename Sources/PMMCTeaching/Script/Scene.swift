import PMMC
import PMMCSimulation

/// The set-up the walk-throughs share: a network that delivers every message after one tick
/// and loses none, so that the script alone decides what happens and in what order.
public enum Scene {
    /// Options for a scripted run of this cluster: seed 1, every message delivered after one
    /// tick and none lost, and by default the paper's settings (figure 7's naive leaders).
    /// Nothing happens unless the script performs it: leaders wait for ``Simulation/start(_:)``.
    public static func options(
        replicas: Int = 1, leaders: Int = 1, acceptors: Int = 3, clients: Int = 0,
        settings: Settings = .paper()
    ) -> SimulationOptions {
        SimulationOptions(
            seed: 1, replicas: replicas, leaders: leaders, acceptors: acceptors, clients: clients,
            settings: settings, network: NetworkModel(latency: 1...1))
    }

    /// Ballot `round.leader`.
    public static func ballot(_ round: Int, _ leader: Int) -> Ballot {
        Ballot(round: round, leader: leader)
    }
}

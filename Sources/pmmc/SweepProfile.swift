import PMMC
import PMMCSimulation

/// The fault profiles `pmmc sweep` and `pmmc simulate --profile` run: ``FaultProfile``'s, and
/// `naive`, leaders of paper figure 7 (no failure detection, no back-off) on the fault-free
/// network.
enum SweepProfile: String, CaseIterable {
    case none, lossy, reorder, partitions, crashes, chaos, naive
    case crashRestart = "crash-restart"

    var faults: FaultProfile {
        switch self {
        case .none, .naive: .faultFree
        case .lossy: .lossy
        case .reorder: .reorder
        case .partitions: .partitions
        case .crashes: .crashes
        case .chaos: .chaos
        case .crashRestart: .crashRestart
        }
    }

    /// One run of the profile: the scenario of `seed` on `cluster`, with `operations`
    /// key-value operations (mostly appends) on `keys` keys.
    func scenario(seed: UInt64, operations: Int, keys: Int, cluster: SimulationOptions) -> Scenario<KeyValueStore> {
        var settings = cluster.settings
        if self == .naive {
            settings.failureDetection = nil
            settings.backoff = nil
        }
        return Scenario(seed: seed, profile: faults, operations: operations, keys: keys,
                        replicas: cluster.replicas, leaders: cluster.leaders, acceptors: cluster.acceptors,
                        clients: cluster.clients, settings: settings)
    }
}

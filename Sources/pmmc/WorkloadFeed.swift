import PMMC
import PMMCSimulation

/// Feeds `pmmc simulate`'s workload to the clients as the run goes, at most ``ahead``
/// operations beyond those completed, so that a run of millions of operations does not hold
/// them all. Operation `i` goes to client `i mod clients`, in order, as if all were queued
/// at the start; a workload of at most ``ahead`` operations is queued at the start.
struct WorkloadFeed {
    /// How many operations may be queued beyond those completed.
    static let ahead = 50_000

    private var generator: KeyValueWorkloadGenerator
    private let operations: Int
    private let clients: Int
    /// How many operations were submitted so far.
    private var submitted = 0

    init(operations: Int, keys: Int, valueSize: Int?, options: SimulationOptions) {
        self.generator = KeyValueWorkloadGenerator(keys: keys, valueSize: valueSize, seed: options.seed)
        self.operations = operations
        self.clients = options.clients
    }

    /// Whether every operation has been submitted.
    var isExhausted: Bool { submitted == operations }

    /// Once this many operations have completed, ``topUp(_:)`` has more to submit.
    var refillPoint: Int { isExhausted ? Int.max : submitted - Self.ahead / 2 }

    /// Submits operations until ``ahead`` are outstanding or none are left.
    mutating func topUp(_ simulation: Simulation<KeyValueStore>) throws(UsageError) {
        while !isExhausted, submitted - simulation.completedOperationCount < Self.ahead {
            do {
                try simulation.submit(generator.next()!, client: submitted % clients)
            } catch {
                throw UsageError(message: error.description)
            }
            submitted += 1
        }
    }
}

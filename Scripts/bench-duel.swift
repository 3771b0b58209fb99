// The dueling-leaders distribution (issue 10, back-off). Scripts/bench-duel.sh compiles it
// with `swiftc -O` against a release build of PMMCSimulation and runs it with two positive
// integers: SEEDS and the longest run in OPERATIONS.
//
// The setup is DuelingLeadersTests': 2 replicas, 2 leaders, 3 acceptors, 3 clients, latency
// 1-10 ticks, no loss, a random key-value workload on 2 keys. For run lengths of OPERATIONS/4,
// OPERATIONS/2 and OPERATIONS, and for the paper's leaders (`Settings.paper()`) and the
// practical ones (`Settings()`), it runs every seed from 1 to SEEDS until every replica has
// every operation has completed or 1,000,000 ticks have passed, and prints the distribution of
// preemptions per run (min, median, p90, p99, max, mean) and how many runs did not finish.
import PMMC
import PMMCSimulation

@main
struct BenchDuel {
    static func main() throws {
        let numbers = CommandLine.arguments.dropFirst().compactMap { Int($0) }.filter { $0 > 0 }
        precondition(numbers.count == 2, "usage: bench-duel SEEDS OPERATIONS (positive integers)")
        let (seeds, longest) = (numbers[0], numbers[1])
        print("dueling leaders: \(seeds) seeds each; preemptions per run (min / median / p90 / p99 / max, mean); runs unfinished at 1,000,000 ticks")
        for (name, settings) in [("paper()", Settings.paper()), ("Settings()", Settings())] {
            for operations in [longest / 4, longest / 2, longest] where operations > 0 {
                var preemptions: [Int] = []
                var unfinished = 0
                for seed in 1...UInt64(seeds) {
                    let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(
                        seed: seed, replicas: 2, leaders: 2, acceptors: 3, clients: 3, settings: settings,
                        checkInvariants: false))
                    for (index, operation) in KeyValueWorkload.random(count: operations, keys: 2, seed: seed).enumerated() {
                        try simulation.submit(operation, client: index % 3)
                    }
                    if simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 1_000_000) != .conditionMet {
                        unfinished += 1
                    }
                    preemptions.append(simulation.statistics.preemptions)
                }
                preemptions.sort()
                func percentile(_ p: Int) -> Int { preemptions[min(preemptions.count - 1, preemptions.count * p / 100)] }
                let tenths = (10 * preemptions.reduce(0, +) + preemptions.count / 2) / preemptions.count
                print("\(name) \(operations) operations: \(preemptions.first!) / \(percentile(50)) / \(percentile(90)) / "
                      + "\(percentile(99)) / \(preemptions.last!), mean \(tenths / 10).\(tenths % 10); unfinished \(unfinished)")
            }
        }
    }
}

import Foundation
import PMMC
import PMMCSimulation

// Replicates a counter with PMMC in the deterministic simulator: three clients add 1…30 over
// a lossy network while a leader crashes; then a read must see 1 + 2 + … + 30 = 465.
let simulation = try Simulation<Counter>(options: SimulationOptions(
    seed: 2026, replicas: 2, leaders: 2, acceptors: 3, clients: 3,
    network: NetworkModel(latency: 1...10, lossRate: 0.1)))
for amount in 1...30 {
    try simulation.submit(.add(amount), client: amount % 3)
}
try simulation.schedule(.crash(.leader(0)), at: 300)
let adds = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 200_000)

try simulation.submit(.read, client: 0)
let read = simulation.run(until: { $0.allOperationsCompleted }, timeLimit: simulation.now + 100_000)
let total = simulation.operations.last?.output

print("adds: \(adds), read: \(read), the read saw \(total.map(String.init) ?? "nothing")")
print("\(simulation.statistics.slotsDecided) slots decided, \(simulation.statistics.preemptions) preemption(s), invariants "
      + (simulation.violation.map { "violated: \($0)" } ?? "R1-R5, A1-A5, C1 held"))
guard adds == .conditionMet, read == .conditionMet, simulation.violation == nil, total == 465 else {
    print("error: the replicated counter did not reach 465")
    exit(1)
}

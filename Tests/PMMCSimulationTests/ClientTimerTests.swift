import PMMC
import PMMCSimulation
import PMMCTesting
import PMMCTrace
import Testing

/// A client turns its retransmission timer off when the response arrives
/// (``Effect/cancelTimer(_:)``, RFC 6298 §5.2), so a timer that fires finds its request still
/// unanswered. Before, a closed-loop client's timer kept firing for requests long answered.
@Suite("Client timers")
struct ClientTimerTests {
    /// Runs `operations` appends over 16 clients and returns how many client timers fired and
    /// how many requests the clients sent again.
    static func clientTimers(operations: Int, loss: Double, seed: UInt64) throws -> (fired: Int, retransmissions: Int) {
        let workload = KeyValueWorkload.appends(count: operations, keys: 10, seed: seed)
        var fired = 0
        let (simulation, outcome) = try runToCompletion(
            seed: seed, workload: workload, clients: 16, network: NetworkModel(latency: 1...3, lossRate: loss)
        ) { simulation in
            simulation.trace = { event in
                if event.kind == .timer, case .client = event.source { fired += 1 }
            }
        }
        #expect(outcome == .conditionMet)
        #expect(simulation.violation == nil)
        expectLogsAgree(simulation)
        let retransmissions = (0..<16).reduce(0) { total, index in
            guard case .client(let client) = simulation.process(.client(index)) else { return total }
            return total + client.retransmissions
        }
        return (fired, retransmissions)
    }

    @Test("every client timer that fires sends its request again: none fires for an answered request", arguments: [
        (0, 1), (0.1, 1), (0.1, 2),
    ] as [(Double, UInt64)])
    func everyFiringRetransmits(loss: Double, seed: UInt64) throws {
        let operations = 1_000
        let run = try Self.clientTimers(operations: operations, loss: loss, seed: seed)
        #expect(run.fired == run.retransmissions, "\(run)")
        if loss == 0 {
            // Only requests that waited longer than the adaptive timeout, queued behind WINDOW.
            #expect(run.retransmissions < operations / 10, "\(run)")
        } else {
            #expect(run.retransmissions > 0)
        }
    }
}

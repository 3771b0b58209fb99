import PMMC
import PMMCRuntime
import PMMCSimulation

/// The report `pmmc run` prints after a run on the actor runtime.
struct RunSummary {
    let configuration: Configuration
    let options: ClusterOptions
    let statistics: RuntimeStatistics
    let replicas: [Replica<KeyValueStore>]
    let records: [OperationRecord<KeyValueStore>]
    let operations: Int
    let wallTime: Duration
    /// User and system CPU time of the whole process during the run.
    let cpuSeconds: Double
    /// The time limit, if the run reached it.
    let timeLimitReached: Duration?
    /// The clients that stopped because they crashed.
    let crashedClients: [ProcessID]
    /// E.g. `crash l1 at 5,000 ms`, for each fault the run ended before.
    let faultsNotInjected: [String]
    /// What the replicas, leaders and acceptors kept at the end.
    let retained: RetainedState

    /// How many records are complete. Counted in a plain loop over the records, read in place:
    /// a filtered copy of them, counted once per use, made the summary of a 20,000-operation
    /// run cost about a tenth of the instructions of the whole run.
    var completed: Int {
        var count = 0
        for index in records.indices where records[index].isComplete {
            count += 1
        }
        return count
    }

    /// Slots decided and applied by the replica that got furthest.
    var slotsDecided: Int { (replicas.map(\.slotOut).max() ?? 1) - 1 }

    var minimumMessagesPerDecision: Int {
        Summary.minimumMessagesPerDecision(SimulationOptions(
            replicas: configuration.replicas.count, leaders: configuration.leaders.count,
            acceptors: configuration.acceptors.count))
    }

    var text: String {
        let completed = completed
        let seconds = wallTime.seconds
        let faults = options.faults
        let messages = statistics.messagesSent
        var lines: [(String, String)] = [
            ("configuration", configuration.description),
            ("protocol", "WINDOW \(options.settings.window); \(ProtocolSwitches.describe(options.settings)); 1 tick = \(options.tick)"),
            ("pragmatics", ProtocolSwitches.describeStateKeeping(options.settings)),
            ("network", "loss \(faults.lossRate), extra delay \(faults.extraDelay.lowerBound)-\(faults.extraDelay.upperBound) ticks"),
            ("outcome", "\(completed.grouped) of \(operations.grouped) operations completed"),
            ("stopped", stopReason(completed: completed)),
            ("decisions", "\(slotsDecided.grouped) slots decided"),
            ("applied", replicas.map { "\($0.id) \($0.operationsApplied.grouped) commands (slot_out \($0.slotOut), \($0.duplicatesSkipped.grouped) duplicates skipped)" }.joined(separator: ", ")),
            ("messages", "\(messages.grouped) sent, \(statistics.delivered.grouped) delivered, \(statistics.dropped.grouped) dropped, \(statistics.arrivedAfterExit.grouped) arrived after their scout or commander exited"),
            ("by type", MessageKind.allCases.filter { statistics.sent($0) > 0 }.map { "\($0) \(statistics.sent($0).grouped)" }.joined(separator: ", ")),
            ("per decision", String(format2: slotsDecided == 0 ? 0 : Double(messages) / Double(slotsDecided))
                + " messages (steady-state minimum for this cluster: \(minimumMessagesPerDecision))"),
            ("per command", Summary.perCommand(messages: messages, protocolMessages: statistics.protocolMessagesSent, completed: completed)),
            ("children", "\(statistics.scoutsSpawned.grouped) scouts, \(statistics.commandersSpawned.grouped) commanders spawned (run inside their leader's actor)"),
            ("retained", Summary.describe(retained)),
            ("timers", "\(statistics.timersFired.grouped) fired, \(statistics.timersCancelled.grouped) cancelled when their process exited or crashed"),
            ("wall time", "\(String(format3: seconds)) s"),
            ("throughput", "\(rate(completed, seconds)) operations/s, \(rate(slotsDecided, seconds)) decisions/s"),
            ("latency", latencyText),
            ("cpu time", "\(String(format3: cpuSeconds)) s (\(String(format2: cpuSeconds / seconds)) cores busy); "
                + (messages > 0 ? "\(String(format2: cpuSeconds * 1e6 / Double(messages))) µs per message" : "no messages")
                + (completed > 0 ? ", \(String(format2: cpuSeconds * 1e6 / Double(completed))) µs per operation" : "")),
        ]
        if !faultsNotInjected.isEmpty {
            lines.append(("faults", "not injected, as the run ended first: " + faultsNotInjected.joined(separator: ", ")))
        }
        let header = "PMMC actor runtime run"
        return ([header] + lines.map { $0.0.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.1 }).joined(separator: "\n")
    }

    /// Why the run stopped, with `completed` operations completed.
    private func stopReason(completed: Int) -> String {
        let outstanding = operations - completed
        if outstanding == 0 { return "every operation completed" }
        if let timeLimitReached {
            return "time limit of \(Int(timeLimitReached.components.seconds).grouped) s reached with \(outstanding.grouped) operations outstanding"
        }
        return Summary.crashedClients(crashedClients, outstanding: outstanding)
    }

    private var latencyText: String {
        let latencies = records.compactMap { $0.latency?.seconds }.sorted()
        guard !latencies.isEmpty else { return "-" }
        func percentile(_ p: Double) -> Double {
            latencies[min(latencies.count - 1, Int((p * Double(latencies.count)).rounded(.up)) - 1)]
        }
        func milliseconds(_ value: Double) -> String { String(format3: value * 1000) + " ms" }
        return "p50 \(milliseconds(percentile(0.5))), p99 \(milliseconds(percentile(0.99))), max \(milliseconds(latencies.last!))"
    }

    private func rate(_ count: Int, _ seconds: Double) -> String {
        seconds > 0 ? Int((Double(count) / seconds).rounded()).grouped : "-"
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

extension String {
    /// `value` with three decimals.
    init(format3 value: Double) {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        self = "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

import PMMC
import PMMCSimulation

/// The report `pmmc simulate` prints after a run.
struct Summary {
    let simulation: Simulation<KeyValueStore>
    let outcome: RunOutcome
    let wallTime: Duration
    let operations: Int
    let timeLimit: Int
    /// Whether `--time-limit` set the time limit, rather than the default.
    let timeLimitGiven: Bool

    var completed: Int { simulation.completedOperationCount }

    var succeeded: Bool {
        if case .violation = outcome { return false }
        return completed == operations
    }

    /// Messages per decided slot in the fault-free steady state with one active leader:
    /// each replica receives the request, proposes to every leader, receives the decision and
    /// answers the client; the commander sends p2a to and hears p2b from every acceptor.
    static func minimumMessagesPerDecision(_ options: SimulationOptions) -> Int {
        options.replicas * (3 + options.leaders) + 2 * options.acceptors
    }

    /// `pvalues 12, proposals 30, decisions 2,000 (about 1,234,567 bytes)`.
    static func describe(_ retained: RetainedState) -> String {
        "pvalues \(retained.pvalues.grouped), proposals \(retained.proposals.grouped), decisions \(retained.decisions.grouped) (about \(retained.bytes.grouped) bytes)"
    }

    var text: String {
        let statistics = simulation.statistics
        let seconds = Double(wallTime.components.seconds) + Double(wallTime.components.attoseconds) * 1e-18
        let network = options.network
        var lines: [(String, String)] = [
            ("configuration", simulation.initialConfiguration.description),
            ("protocol", "WINDOW \(options.settings.window); \(ProtocolSwitches.describe(options.settings))"),
            ("pragmatics", ProtocolSwitches.describeStateKeeping(options.settings)),
            ("network", "latency \(network.latency.lowerBound)-\(network.latency.upperBound) ticks, loss \(network.lossRate), duplication \(network.duplicationRate)"),
            ("outcome", "\(completed.grouped) of \(operations.grouped) operations completed"),
            ("stopped", stopReason),
            ("decisions", decisions),
            ("applied", simulation.replicas.map { "\($0.id) \($0.operationsApplied.grouped) commands (slot_out \($0.slotOut))" }.joined(separator: ", ")),
            ("messages", "\(statistics.messagesSent.grouped) sent, \(statistics.delivered.grouped) delivered, \(statistics.dropped.grouped) dropped, \(statistics.duplicated.grouped) duplicated, \(statistics.arrivedAfterExit.grouped) arrived after their scout or commander exited"),
            ("by type", MessageKind.allCases.filter { statistics.sent($0) > 0 }.map { "\($0) \(statistics.sent($0).grouped)" }.joined(separator: ", ")),
            ("per decision", perDecision),
            ("per command", Self.perCommand(messages: statistics.messagesSent, protocolMessages: statistics.protocolMessagesSent, completed: completed)),
            ("preemptions", statistics.preemptions.grouped),
            ("leaders", Self.leadership(statistics.adoptions)),
            ("children", "\(statistics.scoutsSpawned.grouped) scouts, \(statistics.commandersSpawned.grouped) commanders spawned"),
            ("retained", Self.describe(simulation.retainedState)),
            ("virtual time", "\(simulation.now.grouped) ticks"),
            ("events", "\(statistics.events.grouped) (\(rate(statistics.events, seconds)) events/s)"),
            ("wall time", String(format: "%.3f s (%@ decisions/s)", seconds, rate(statistics.slotsDecided, seconds))),
        ]
        if !statistics.faults.isEmpty || faultsNotInjected != nil {
            let applied = statistics.faults.isEmpty ? nil : "applied " + Self.story(statistics.faults.map { "\($0.fault) at t=\($0.time.grouped)" })
            lines.append(("faults", [applied, faultsNotInjected].compactMap { $0 }.joined(separator: "; ")))
        }
        if options.checkInvariants {
            let verdict = simulation.violation.map { "VIOLATED: \($0)" } ?? "none violated"
            lines.append(("invariants", "R1-R5, A1-A5, C1 checked \(statistics.invariantChecks.grouped) times: \(verdict)"))
        } else {
            lines.append(("invariants", "not checked (--no-invariants)"))
        }
        let header = "PMMC simulation, seed \(options.seed)"
        return ([header] + lines.map { $0.0.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.1 }).joined(separator: "\n")
    }

    /// The slots decided, and what besides one operation each filled them: batches, commands
    /// decided a second time (paper figure 2; every replica skips them) and no-ops.
    private var decisions: String {
        let statistics = simulation.statistics
        let duplicates = simulation.replicas.map(\.duplicatesSkipped).max() ?? 0
        var text = "\(statistics.slotsDecided.grouped) slots decided"
        if statistics.batchSlots > 0 {
            text += " (\(statistics.batchSlots.grouped) of them batches; \(statistics.commandsDecided.grouped) client commands in all, "
                + String(format2: Double(statistics.commandsDecided) / Double(statistics.slotsDecided)) + " a slot)"
        }
        if statistics.batchSlots > 0, duplicates > 0 || statistics.noopSlots > 0 {
            text += ": \(duplicates.grouped) client commands in them were already decided in an earlier slot (skipped as "
                + "duplicates, paper figure 2), \(statistics.noopSlots.grouped) slots held a no-op"
        } else if duplicates > 0 || statistics.noopSlots > 0 {
            text += ": \(duplicates.grouped) held a command already decided in an earlier slot (skipped as a duplicate, "
                + "paper figure 2), \(statistics.noopSlots.grouped) a no-op"
        }
        return text
    }

    /// Messages per decided slot against the steady-state minimum, and why it can be lower.
    private var perDecision: String {
        let statistics = simulation.statistics
        let minimum = Self.minimumMessagesPerDecision(options)
        var text = String(format2: statistics.messagesPerDecision) + " messages (steady-state minimum for this cluster: \(minimum))"
        if statistics.messagesPerDecision < Double(minimum) {
            text += "; below it because a slot decided for a duplicate or a no-op costs no request and no response, "
                + "and only one replica proposed it"
        }
        return text
    }

    /// Messages per completed client operation, all and among the protocol's processes:
    /// `4.52 messages, 0.52 of them among replicas, leaders and acceptors (the rest are
    /// client requests and responses)`.
    static func perCommand(messages: Int, protocolMessages: Int, completed: Int) -> String {
        guard completed > 0 else { return "no operation completed" }
        return String(format2: Double(messages) / Double(completed)) + " messages, "
            + String(format2: Double(protocolMessages) / Double(completed))
            + " of them among replicas, leaders and acceptors (the rest are client requests and responses)"
    }

    /// Who was adopted, at which ballot and when: `l0 at 0.0 (t=5), l1 at 1.1 (t=420)`.
    static func leadership(_ adoptions: [Statistics.Adoption]) -> String {
        guard !adoptions.isEmpty else { return "no leader was adopted" }
        return story(adoptions.map { "\($0.leader) at \($0.ballot) (t=\($0.time.grouped))" })
    }

    /// `items` joined with commas; past eight, the first five and the last two with the
    /// number left out between them.
    static func story(_ items: [String]) -> String {
        guard items.count > 8 else { return items.joined(separator: ", ") }
        return (items.prefix(5) + ["… \((items.count - 7).grouped) more …"] + items.suffix(2)).joined(separator: ", ")
    }

    /// Why the run stopped.
    private var stopReason: String {
        let outstanding = operations - completed
        switch outcome {
        case .violation(let violation):
            return "invariant \(violation.invariant) violated at t=\(violation.time.grouped)"
        case .conditionMet where outstanding == 0:
            return "every operation completed"
        case .conditionMet:
            let clients = (0..<options.clients).map(ProcessID.client).filter(simulation.isCrashed)
            return Self.crashedClients(clients, outstanding: outstanding)
        case .quiescent:
            return "nothing left to happen, with \(outstanding.grouped) operations outstanding"
        case .timeLimit:
            let whose = timeLimitGiven ? "" : " (the default limit for this workload; --time-limit sets another)"
            return "time limit t=\(timeLimit.grouped) reached with \(outstanding.grouped) operations outstanding\(whose)"
        }
    }

    private var options: SimulationOptions { simulation.options }

    /// E.g. `the 25 operations left belong to crashed client c0 and cannot complete`.
    static func crashedClients(_ clients: [ProcessID], outstanding: Int) -> String {
        let whose = (clients.count == 1 ? "crashed client " : "crashed clients ") + clients.map(\.description).joined(separator: ", ")
        let left = outstanding == 1 ? "the operation left belongs" : "the \(outstanding.grouped) operations left belong"
        return "\(left) to \(whose) and cannot complete"
    }

    /// The faults scheduled for after the run stopped, which never happened; `nil` for none.
    private var faultsNotInjected: String? {
        let faults = simulation.pending.compactMap { event -> String? in
            guard case .fault(let fault) = event.kind else { return nil }
            return "\(fault) at t=\(event.time.grouped)"
        }
        guard !faults.isEmpty else { return nil }
        return "not injected, as the run stopped first: " + faults.joined(separator: ", ")
    }

    private func rate(_ count: Int, _ seconds: Double) -> String {
        seconds > 0 ? Int((Double(count) / seconds).rounded()).grouped : "-"
    }
}

extension Int {
    /// The number with thousands separated by commas: 12,345.
    var grouped: String {
        let digits = String(magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (self < 0 ? "-" : "") + result
    }
}

extension String {
    /// `value` with two decimals.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

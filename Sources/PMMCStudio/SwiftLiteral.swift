import PMMC
import PMMCSimulation

/// Values of the protocol written as Swift expressions, for the test the studio exports.
enum SwiftLiteral {
    /// A string literal, with quotes, backslashes and non-printing characters escaped.
    static func string(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\t": literal += "\\t"
            case " "..."~": literal.unicodeScalars.append(scalar)
            default: literal += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return literal + "\""
    }

    static func process(_ id: ProcessID) -> String {
        switch id {
        case .client(let index): ".client(\(index))"
        case .replica(let index): ".replica(\(index))"
        case .leader(let index): ".leader(\(index))"
        case .acceptor(let index): ".acceptor(\(index))"
        case .scout(let leader, let number): ".scout(leader: \(leader), number: \(number))"
        case .commander(let leader, let number): ".commander(leader: \(leader), number: \(number))"
        }
    }

    static func processes(_ ids: [ProcessID]) -> String {
        "[" + ids.map(process).joined(separator: ", ") + "]"
    }

    static func ballot(_ ballot: Ballot) -> String {
        ballot.isBottom ? "Ballot.bottom" : "Ballot(round: \(ballot.round), leader: \(ballot.leader))"
    }

    static func body<Machine: StudioMachine>(_ body: Command<Machine>.Body) -> String {
        switch body {
        case .operation(let operation): ".operation(\(Machine.swiftLiteral(operation)))"
        case .reconfigure(let configuration): ".reconfigure(\(self.configuration(configuration)))"
        case .noop: ".noop"
        case .batch(let commands): ".batch([" + commands.map { command($0) }.joined(separator: ", ") + "])"
        }
    }

    static func configuration(_ configuration: Configuration) -> String {
        "try Configuration(replicas: \(processes(configuration.replicas)), leaders: \(processes(configuration.leaders)), "
            + "acceptors: \(processes(configuration.acceptors)))"
    }

    static func command<Machine: StudioMachine>(_ command: Command<Machine>) -> String {
        "Command<\(Machine.swiftName)>(client: \(process(command.client)), requestID: \(command.requestID), body: \(body(command.body)))"
    }

    static func pvalue<Machine: StudioMachine>(_ pvalue: PValue<Machine>) -> String {
        "PValue(ballot: \(ballot(pvalue.ballot)), slot: \(pvalue.slot), command: \(command(pvalue.command)))"
    }

    static func pvalues<Machine: StudioMachine>(_ pvalues: [PValue<Machine>]) -> String {
        "[" + pvalues.map(pvalue).joined(separator: ", ") + "]"
    }

    /// The message as a Swift expression; `nil` for a snapshot, whose state and sessions have
    /// no literal form (the studio refuses to duplicate one, so no move of its makes one).
    static func message<Machine: StudioMachine>(_ message: Message<Machine>) -> String? {
        let type = "Message<\(Machine.swiftName)>"
        switch message {
        case .request(let command): return "\(type).request(\(self.command(command)))"
        case .response(let requestID, let output):
            return "\(type).response(requestID: \(requestID), output: \(output.map(Machine.swiftLiteral(output:)) ?? "nil"))"
        case .propose(let slot, let command, let retry):
            return "\(type).propose(slot: \(slot), command: \(self.command(command)), retry: \(retry))"
        case .decision(let slot, let command): return "\(type).decision(slot: \(slot), command: \(self.command(command)))"
        case .p1a(let ballot): return "\(type).p1a(ballot: \(self.ballot(ballot)))"
        case .p1b(let ballot, let accepted, let collectedBelow):
            return "\(type).p1b(ballot: \(self.ballot(ballot)), accepted: \(pvalues(accepted)), collectedBelow: \(collectedBelow))"
        case .p2a(let pvalue): return "\(type).p2a(\(self.pvalue(pvalue)))"
        case .p2b(let ballot): return "\(type).p2b(ballot: \(self.ballot(ballot)))"
        case .adopted(let ballot, let pvalues, let collectedBelow):
            return "\(type).adopted(ballot: \(self.ballot(ballot)), pvalues: \(self.pvalues(pvalues)), collectedBelow: \(collectedBelow))"
        case .preempted(let ballot): return "\(type).preempted(ballot: \(self.ballot(ballot)))"
        case .ping: return "\(type).ping"
        case .pong: return "\(type).pong"
        case .executed(let slotOut): return "\(type).executed(slotOut: \(slotOut))"
        case .collect(let below): return "\(type).collect(below: \(below))"
        case .catchUp(let slotOut): return "\(type).catchUp(slotOut: \(slotOut))"
        case .snapshot: return nil
        }
    }

    static func settings(_ settings: Settings) -> String {
        if settings == .paper(window: settings.window) { return ".paper(window: \(settings.window))" }
        let detection = settings.failureDetection.map {
            "Settings.FailureDetection(pingInterval: \($0.pingInterval), missedPings: \($0.missedPings))"
        } ?? "nil"
        let backoff = settings.backoff.map {
            "Settings.Backoff(minimum: \($0.minimum), maximum: \($0.maximum), factor: \($0.factor), decrease: \($0.decrease))"
        } ?? "nil"
        let adaptive = settings.adaptiveRetransmission.map { "Settings.AdaptiveRetransmission(minimum: \($0.minimum))" } ?? "nil"
        let batching = settings.batching.map {
            "Settings.Batching(maximumSize: \($0.maximumSize), maximumDelay: \($0.maximumDelay))"
        } ?? "nil"
        return "Settings(window: \(settings.window), requestRetransmit: \(settings.requestRetransmit), "
            + "proposalRetransmit: \(settings.proposalRetransmit), phaseRetransmit: \(settings.phaseRetransmit), failureDetection: \(detection), "
            + "backoff: \(backoff), adaptiveRetransmission: \(adaptive), "
            + "stateReduction: \(settings.stateReduction), garbageCollection: \(settings.garbageCollection), catchUp: \(settings.catchUp), "
            + "executedReportInterval: \(settings.executedReportInterval), retainedDecisions: \(settings.retainedDecisions), "
            + "batching: \(batching), broadcastRequests: \(settings.broadcastRequests))"
    }

    static func network(_ model: NetworkModel) -> String {
        "NetworkModel(latency: \(model.latency.lowerBound)...\(model.latency.upperBound), lossRate: \(model.lossRate), duplicationRate: \(model.duplicationRate))"
    }

    static func fault(_ fault: Fault) -> String {
        switch fault {
        case .crash(let process): ".crash(\(self.process(process)))"
        case .restart(let process): ".restart(\(self.process(process)))"
        case .partition(let groups): ".partition([" + groups.map(processes).joined(separator: ", ") + "])"
        case .heal: ".heal"
        case .network(let model): ".network(\(network(model)))"
        case .deafen(let process): ".deafen(\(self.process(process)))"
        case .hear(let process): ".hear(\(self.process(process)))"
        }
    }

    /// The call on `simulation` that carries out `action`.
    static func call<Machine: StudioMachine>(_ action: ScriptedAction<Machine>) -> String {
        switch action {
        case .perform(let id): "try simulation.perform(\(id))"
        case .drop(let id): "try simulation.drop(\(id))"
        case .inject(let message, let source, let destination):
            self.message(message).map { "try simulation.inject(\($0), from: \(process(source)), to: \(process(destination)))" }
                ?? "Issue.record(\"this session injected a snapshot, which has no Swift literal; the replay stops matching here\")"
        case .crash(let process): "try simulation.crash(\(self.process(process)))"
        case .restart(let process): "try simulation.restart(\(self.process(process)))"
        case .submit(let body, let client): "try simulation.submit(Command<\(Machine.swiftName)>.Body\(self.body(body) as String), client: \(client))"
        case .reconfigure(let leaders, let acceptors, let client):
            "try simulation.reconfigure(leaders: \(leaders), acceptors: \(acceptors), client: \(client))"
        case .schedule(let fault, let time): "try simulation.schedule(\(self.fault(fault)), at: \(time))"
        case .run(let events): "try simulation.replay(.run(events: \(events)))"
        }
    }
}

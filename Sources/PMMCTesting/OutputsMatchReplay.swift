import PMMC
import PMMCSimulation
import Testing

/// A sequential replay of a decided log: each request applied once, at the first slot that
/// holds it (a later slot holding the same request is a duplicate), a batch's requests in
/// order, no-ops and reconfigurations skipped, as replicas do.
struct LogReplay<Machine: StateMachine> {
    /// The state after the whole log.
    private(set) var state = Machine()
    /// The output of each executed request.
    private(set) var outputs: [RequestKey: Machine.Output] = [:]
    /// The slot each request executed in.
    private(set) var slots: [RequestKey: Int] = [:]
    /// How many requests executed.
    private(set) var executed = 0

    init(_ log: [Command<Machine>]) {
        for (index, decided) in log.enumerated() {
            for command in decided.unbatched {
                let key = RequestKey(command)
                guard case .operation(let operation) = command.body, slots[key] == nil else { continue }
                slots[key] = index + 1
                executed += 1
                outputs[key] = state.apply(operation)
            }
        }
    }
}

/// Expects the clients' answers to match a sequential replay of the decided log:
/// - every completed operation is in the longest log, and its output is what applying that
///   log up to the operation's slot gives;
/// - an operation that returned before another was called holds an earlier slot (real-time
///   order);
/// - every replica's state is its own log replayed, and it applied each operation once.
///
/// Works for any ``StateMachine``. A failure names the request, the replica whose log was
/// replayed and the slot: `c0#3 Get k0 answered "v1", but r0's log replayed gives "v1v2" at
/// slot 5`.
public func expectOutputsMatchReplay<Machine>(_ simulation: Simulation<Machine>, sourceLocation: SourceLocation = #_sourceLocation) {
    let replicas = simulation.replicas
    guard let longest = replicas.max(by: { $0.log.count < $1.log.count }) else {
        Issue.record("the simulation has no replicas", sourceLocation: sourceLocation)
        return
    }
    let reference = LogReplay(longest.log)
    let completed = simulation.operations.filter { operation in
        if case .operation = operation.body { operation.isComplete } else { false }
    }
    for operation in completed {
        let key = RequestKey(operation)
        guard let output = reference.outputs[key], let slot = reference.slots[key] else {
            Issue.record("\(describe(operation)) completed but is not in \(longest.id)'s log, the longest",
                         sourceLocation: sourceLocation)
            continue
        }
        if operation.output != output {
            Issue.record(
                "\(describe(operation)) answered \(quoted(operation.output)), but \(longest.id)'s log replayed gives \(quoted(output)) at slot \(slot)",
                sourceLocation: sourceLocation)
        }
    }
    for earlier in completed {
        guard let returned = earlier.return, let before = reference.slots[RequestKey(earlier)] else { continue }
        for later in completed where returned < later.call {
            guard let after = reference.slots[RequestKey(later)], before > after else { continue }
            Issue.record(
                "\(describe(earlier)) returned at t=\(returned) before \(describe(later)) was called at t=\(later.call), but holds slot \(before) of \(longest.id)'s log, after \(after)",
                sourceLocation: sourceLocation)
        }
    }
    for replica in replicas {
        let own = LogReplay(replica.log)
        if replica.state != own.state {
            Issue.record("\(replica.id)'s state is not its log replayed", sourceLocation: sourceLocation)
        }
        if replica.operationsApplied != own.executed {
            Issue.record(
                "\(replica.id) applied \(replica.operationsApplied) operations, its log holds \(own.executed) distinct ones",
                sourceLocation: sourceLocation)
        }
    }
}

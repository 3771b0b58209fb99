import PMMC
import PMMCSimulation
import Testing

/// Expects every append of `operations` to have taken effect exactly once in `finalValues`
/// (each key's value, read after the appends returned).
///
/// The written values must be unique and of the form `v<number>`, as ``KeyValueWorkload``
/// makes them. For every key of `finalValues`:
/// - no value appears twice (at most once), and each was written to that key by some client;
/// - on keys never put, every completed append appears (at least once), while an incomplete
///   one may or may not;
/// - each client's appends appear in its request order, and an append that returned before
///   another was called appears before it.
///
/// A failure names the key, the value and the request: `v3 of c1#2 App k0 v3 appears twice
/// in k0 = "v1v3v3"`.
public func expectExactlyOnceAppends(
    _ operations: [ClientOperation<KeyValueStore>], finalValues: [String: String],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (key, value) in finalValues.sorted(by: { $0.key < $1.key }) {
        var appends: [(value: String, operation: ClientOperation<KeyValueStore>)] = []
        var writers: [String: ClientOperation<KeyValueStore>] = [:]
        var puts = false
        for operation in operations {
            switch operation.body {
            case .operation(.append(key, let appended)):
                appends.append((appended, operation))
                writers[appended] = operation
            case .operation(.put(key, let written)):
                puts = true
                writers[written] = operation
            default: break
            }
        }
        var position: [String: Int] = [:]
        for (index, written) in KeyValueWorkload.writtenValues(in: value).enumerated() {
            guard let writer = writers[written] else {
                Issue.record("\(key) = \"\(value)\" holds \(written), which no client wrote to \(key)", sourceLocation: sourceLocation)
                continue
            }
            if position[written] != nil {
                Issue.record("\(written) of \(describe(writer)) appears twice in \(key) = \"\(value)\"", sourceLocation: sourceLocation)
            }
            position[written] = index
        }
        guard !puts else { continue }
        for (appended, operation) in appends where operation.isComplete && position[appended] == nil {
            Issue.record("completed \(describe(operation)) is missing from \(key) = \"\(value)\"", sourceLocation: sourceLocation)
        }
        for (first, a) in appends {
            for (second, b) in appends {
                guard let i = position[first], let j = position[second], i > j else { continue }
                if a.client == b.client, a.requestID < b.requestID {
                    Issue.record("\(a.client)'s \(describe(a)) follows its later \(describe(b)) in \(key) = \"\(value)\"",
                                 sourceLocation: sourceLocation)
                }
                if let returned = a.return, returned < b.call {
                    Issue.record(
                        "\(describe(a)) returned at t=\(returned) before \(describe(b)) was called at t=\(b.call), but follows it in \(key) = \"\(value)\"",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }
}

/// Expects every append of `simulation` to have taken effect exactly once, as
/// ``expectExactlyOnceAppends(_:finalValues:sourceLocation:)`` does, in the state of the
/// replica that has applied the most slots. Every key an operation wrote is checked.
///
/// That replica has applied every slot another replica applied, so its state holds every
/// completed append: the check can follow ``Simulation/allOperationsCompleted`` at once.
public func expectExactlyOnceAppends(_ simulation: Simulation<KeyValueStore>, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let furthest = simulation.replicas.max(by: { $0.slotOut < $1.slotOut }) else {
        Issue.record("the simulation has no replicas", sourceLocation: sourceLocation)
        return
    }
    var finalValues: [String: String] = [:]
    for operation in simulation.operations {
        switch operation.body {
        case .operation(.put(let key, _)), .operation(.append(let key, _)):
            finalValues[key] = furthest.state.storage[key, default: ""]
        default: break
        }
    }
    expectExactlyOnceAppends(simulation.operations, finalValues: finalValues, sourceLocation: sourceLocation)
}

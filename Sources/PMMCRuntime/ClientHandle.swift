import PMMC

/// A client of a ``Cluster``: a process that sends each request to one replica (to every
/// replica with `Settings.broadcastRequests`), retransmits it to every replica until
/// answered, and returns the first response.
///
/// A client has one request in flight, so calls on one handle run one after another, in the
/// order made; use several handles for concurrent requests. Cancelling a caller makes its
/// call throw `CancellationError` at once, but a request already sent stays in flight until
/// answered, and the handle's next call waits for that.
public struct ClientHandle<Machine: StateMachine>: Sendable {
    let actor: ProcessActor<Machine>

    /// The client's process id, `c0`, `c1`, ….
    public var id: ProcessID { actor.id }

    /// Has the replicated state machine perform `operation`; returns its output.
    ///
    /// - Throws: ``RuntimeError/crashed(_:)`` if this client crashed, ``RuntimeError/shutDown``
    ///   if the cluster shut down first, `CancellationError` if the caller was cancelled.
    public func submit(_ operation: Machine.Operation) async throws -> Machine.Output {
        guard let output = try await submit(.operation(operation)) else {
            preconditionFailure("a replica answered operation \(operation) without an output")
        }
        return output
    }

    /// Sends a command body (an operation or a reconfiguration) and returns the response's
    /// output (`nil` for a reconfiguration).
    public func submit(_ body: Command<Machine>.Body) async throws -> Machine.Output? {
        try await actor.call(body)
    }

    /// Has the replicated state machine perform each of `operations` in turn, as a closed
    /// loop, and returns their outputs in order.
    ///
    /// The client sends the next request as soon as it takes the response to the previous
    /// one, on its own actor: the caller is resumed once, at the end, not once an operation.
    /// Each request is recorded in ``history()`` as a call of its own. Like a single call, it
    /// waits for every earlier call on this handle, and later calls wait for it.
    ///
    /// - Throws: as `submit(_:)` does. If the caller is cancelled, no more of
    ///   `operations` are sent; the request in flight stays in flight until answered.
    public func submit(contentsOf operations: [Machine.Operation]) async throws -> [Machine.Output] {
        try await actor.call(contentsOf: operations.map { .operation($0) }).map { output in
            guard let output else { preconditionFailure("a replica answered an operation without an output") }
            return output
        }
    }

    /// Every request this client has sent, with call and return instants, in order.
    public func history() async -> [OperationRecord<Machine>] {
        await actor.history
    }
}

extension ClientHandle where Machine == KeyValueStore {
    /// `Put key value`.
    public func put(_ key: String, _ value: String) async throws {
        _ = try await submit(.put(key: key, value: value))
    }

    /// `Get key`: the value, or `""` for a missing key.
    public func get(_ key: String) async throws -> String {
        try await submit(.get(key: key))
    }

    /// `App key value`.
    public func append(_ key: String, _ value: String) async throws {
        _ = try await submit(.append(key: key, value: value))
    }
}

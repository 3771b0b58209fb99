import PMMC

/// One client call as its client saw it: when the request was sent, when (if ever) the first
/// response arrived, and with what output. The record a linearizability checker works from.
public struct OperationRecord<Machine: StateMachine>: Sendable {
    public let client: ProcessID
    public let requestID: Int
    public let body: Command<Machine>.Body
    /// When the client sent the request.
    public let call: ContinuousClock.Instant
    /// When the first response arrived; `nil` while outstanding.
    public internal(set) var `return`: ContinuousClock.Instant?
    /// The output of the first response (`nil` while outstanding and for reconfigurations).
    public internal(set) var output: Machine.Output?

    public var isComplete: Bool { self.return != nil }

    /// How long the call took, once complete.
    public var latency: Duration? { self.return.map { $0 - call } }
}

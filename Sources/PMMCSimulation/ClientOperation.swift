import PMMC

/// One client request as the client saw it: when it was called, when (if ever) it returned,
/// and with what output. The record a linearizability checker works from.
public struct ClientOperation<Machine: StateMachine>: Sendable {
    public let client: ProcessID
    public let requestID: Int
    public let body: Command<Machine>.Body
    /// Virtual time the client sent the request.
    public let call: Int
    /// Virtual time the first response arrived; `nil` while outstanding.
    public internal(set) var `return`: Int?
    /// The output of the first response (`nil` while outstanding and for reconfigurations).
    public internal(set) var output: Machine.Output?

    public var isComplete: Bool { self.return != nil }
}

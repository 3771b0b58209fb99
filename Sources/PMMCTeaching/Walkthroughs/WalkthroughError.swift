import PMMCSimulation

/// Why a walk-through's script could not go on: the event a step asks for is not pending,
/// or the simulator refused a request. Either means the script and the protocol disagree.
public struct WalkthroughError: Error, Equatable, CustomStringConvertible {
    /// The walk-through step that failed (1-based), or 0 before the first step.
    public let step: Int
    public let reason: String

    public init(step: Int, reason: String) {
        self.step = step
        self.reason = reason
    }

    public var description: String { "step \(step): \(reason)" }
}

/// The part of a trace to draw: a range of virtual time and caps on its size, so that a huge
/// trace can be rendered a piece at a time.
public struct TraceWindow: Hashable, Sendable {
    /// The earliest virtual time to include; `nil` for the start of the trace.
    public var from: Int?
    /// The latest virtual time to include; `nil` for the end of the trace.
    public var to: Int?
    /// The most steps (instants of virtual time) to include; `nil` for no limit.
    public var maxSteps: Int?
    /// The most events to include; `nil` for no limit. The last step may be cut short.
    public var maxEvents: Int?

    public init(from: Int? = nil, to: Int? = nil, maxSteps: Int? = nil, maxEvents: Int? = nil) {
        self.from = from
        self.to = to
        self.maxSteps = maxSteps
        self.maxEvents = maxEvents
    }

    /// The whole trace.
    public static let all = TraceWindow()
}

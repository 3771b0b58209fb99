/// Why a trace file could not be read: the line at fault and what is wrong with it.
public struct TraceFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line at fault, counted from 1.
    public let line: Int
    /// One line saying what is wrong, e.g. `unknown kind "sned"`.
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

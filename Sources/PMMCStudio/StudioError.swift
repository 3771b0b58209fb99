/// Why the studio refused a request: an HTTP status in the 4xx range and a sentence for the
/// student, sent as `{"error": "…"}`.
public struct StudioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 400 malformed, 404 unknown route or event, 405 wrong method, 408 too slow, 409 not
    /// possible now, 413 body too large, 414 request line too long, 431 head too large, 501
    /// chunked, 505 not HTTP/1.x; 500 only for a walk-through that fails to run.
    public let status: Int
    /// One sentence, e.g. `no pending event #12; it may have been handled already`.
    public let message: String

    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status): \(message)" }

    static func badRequest(_ message: String) -> StudioError { StudioError(status: 400, message) }
    static func notFound(_ message: String) -> StudioError { StudioError(status: 404, message) }
    static func conflict(_ message: String) -> StudioError { StudioError(status: 409, message) }
}

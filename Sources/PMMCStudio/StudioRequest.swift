import Foundation

/// An HTTP/1.1 request as the studio's server reads it: method, path (query string dropped),
/// and body. The parser takes the bytes received so far and says whether more are needed.
public struct StudioRequest: Equatable, Sendable {
    /// E.g. `GET` or `POST`.
    public var method: String
    /// E.g. `/api/move`, without any query string.
    public var path: String
    /// The bytes after the head, as many as `Content-Length` said.
    public var body: [UInt8]

    public init(method: String, path: String, body: [UInt8]) {
        self.method = method
        self.path = path
        self.body = body
    }

    /// The limits the parser enforces.
    public enum Limits {
        /// The request line, e.g. `POST /api/move HTTP/1.1`.
        public static let requestLine = 1024
        /// The request line and all header lines together.
        public static let head = 8 * 1024
        public static let body = 64 * 1024
    }

    /// What `bytes` (everything received on the connection so far) amounts to.
    public enum Parse: Equatable, Sendable {
        case complete(StudioRequest)
        case needMore
    }

    /// Parses `bytes`: a complete request, `needMore`, or an error (400, 413, 431, 505).
    public static func parse(_ bytes: [UInt8]) throws(StudioError) -> Parse {
        let terminator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = find(terminator, in: bytes) else {
            if let lineEnd = find([13, 10], in: bytes), lineEnd > Limits.requestLine {
                throw StudioError(status: 414, "the request line is longer than \(Limits.requestLine) bytes")
            }
            if find([13, 10], in: bytes) == nil, bytes.count > Limits.requestLine {
                throw StudioError(status: 414, "the request line is longer than \(Limits.requestLine) bytes")
            }
            if bytes.count > Limits.head { throw StudioError(status: 431, "the request head is longer than \(Limits.head) bytes") }
            return .needMore
        }
        guard headEnd <= Limits.head else { throw StudioError(status: 431, "the request head is longer than \(Limits.head) bytes") }
        guard let head = String(validating: bytes[..<headEnd], as: UTF8.self) else { throw .badRequest("the request head is not UTF-8") }
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let requestLine = lines.first, requestLine.utf8.count <= Limits.requestLine else {
            throw StudioError(status: 414, "the request line is longer than \(Limits.requestLine) bytes")
        }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isUppercase }), parts[1].hasPrefix("/") else {
            throw .badRequest("malformed request line")
        }
        guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { throw StudioError(status: 505, "only HTTP/1.1 is spoken here") }
        var contentLength = 0
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw .badRequest("malformed header line") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length" {
                guard let length = Int(value), length >= 0 else { throw .badRequest("malformed Content-Length") }
                guard length <= Limits.body else { throw StudioError(status: 413, "the body is longer than \(Limits.body) bytes") }
                contentLength = length
            } else if name == "transfer-encoding" {
                throw StudioError(status: 501, "chunked bodies are not accepted; send Content-Length")
            }
        }
        let bodyStart = headEnd + terminator.count
        guard bytes.count >= bodyStart + contentLength else { return .needMore }
        let target = parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return .complete(StudioRequest(method: String(parts[0]), path: String(target), body: Array(bytes[bodyStart..<bodyStart + contentLength])))
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<start + needle.count].elementsEqual(needle) { return start }
        }
        return nil
    }
}

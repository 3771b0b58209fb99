import Foundation

/// An HTTP response of the studio's server: a status, a content type and a body, sent with
/// `Connection: close`.
public struct StudioResponse: Equatable, Sendable {
    /// E.g. 200, or the 4xx of a refused request.
    public var status: Int
    /// E.g. `application/json`.
    public var contentType: String
    public var body: [UInt8]
    /// For a download: the file name the browser should save it under.
    public var fileName: String?

    public init(status: Int = 200, contentType: String, body: [UInt8], fileName: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.fileName = fileName
    }

    /// `value` as JSON.
    static func json(_ value: some Encodable, status: Int = 200) -> StudioResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(value)).map(Array.init) ?? Array(#"{"error":"the answer could not be encoded"}"#.utf8)
        return StudioResponse(status: status, contentType: "application/json", body: body)
    }

    /// `{"error": "…"}` with the error's status.
    static func error(_ error: StudioError) -> StudioResponse {
        json(["error": error.message], status: error.status)
    }

    /// The bytes on the wire.
    public var serialized: [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        head += "Content-Type: \(contentType)\r\n"
        head += "Content-Length: \(body.count)\r\n"
        if let fileName { head += "Content-Disposition: attachment; filename=\"\(fileName)\"\r\n" }
        head += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + body
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}

import Foundation

/// The bodies the API's POST routes take, each one JSON object. Unknown fields are ignored;
/// a field of the wrong type or a body that is not a JSON object is a 400.
enum JSONBody {
    /// `POST /api/open`: `{"walkthrough": "acceptors", "part": 0}` or `{"cluster": {…}}`.
    struct Open: Decodable {
        var walkthrough: String?
        var part: Int?
        var cluster: Cluster?
    }

    struct Cluster: Decodable {
        var replicas: Int?
        var leaders: Int?
        var acceptors: Int?
        var clients: Int?
        var machine: String?
    }

    /// `POST /api/move`: `{"move": "deliver", "event": 12}` and the like.
    struct Move: Decodable {
        var move: String?
        var event: Int?
        var process: String?
        var client: Int?
        var operation: String?
        var ticks: Int?
        var position: Int?
        var name: String?
        var branch: Int?
    }

    static func decode<Body: Decodable>(_ type: Body.Type, from bytes: [UInt8]) throws(StudioError) -> Body {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch DecodingError.typeMismatch(_, let context) {
            throw .badRequest("\"\(try field(context))\" has the wrong type")
        } catch DecodingError.valueNotFound(_, let context) {
            throw .badRequest("\"\(try field(context))\" has the wrong type")
        } catch {
            throw .badRequest("the body must be a JSON object")
        }
    }

    private static func field(_ context: DecodingError.Context) throws(StudioError) -> String {
        guard !context.codingPath.isEmpty else { throw .badRequest("the body must be a JSON object") }
        return context.codingPath.map(\.stringValue).joined(separator: ".")
    }
}

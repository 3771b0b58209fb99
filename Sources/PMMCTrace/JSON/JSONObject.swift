/// A JSON object's members, looked up by key with the trace format's field types, each
/// mismatch reported as a ``LineProblem`` naming the field.
struct JSONObject {
    /// The members in the order written, few enough to search one by one.
    private let members: [(key: String, value: JSONValue)]

    /// `nil` when `value` is not an object.
    init?(_ value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        self.members = members
    }

    func contains(_ key: String) -> Bool { self[key] != nil }

    private subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// Fails on the first key not in `allowed`.
    func requireOnly(_ allowed: Set<String>) throws(LineProblem) {
        if let stray = members.first(where: { !allowed.contains($0.key) })?.key {
            throw LineProblem(reason: "unknown field \(quotedForMessage(stray))")
        }
    }

    func string(_ key: String) throws(LineProblem) -> String? {
        switch self[key] {
        case nil: return nil
        case .string(let text): return text
        case let other?: throw mismatch(key, "a string", other)
        }
    }

    func integer(_ key: String) throws(LineProblem) -> Int? {
        switch self[key] {
        case nil: return nil
        case .integer(let number): return number
        case let other?: throw mismatch(key, "an integer", other)
        }
    }

    func bool(_ key: String) throws(LineProblem) -> Bool? {
        switch self[key] {
        case nil: return nil
        case .bool(let value): return value
        case let other?: throw mismatch(key, "true or false", other)
        }
    }

    func strings(_ key: String) throws(LineProblem) -> [String]? {
        switch self[key] {
        case nil: return nil
        case .array(let elements):
            var texts: [String] = []
            for element in elements {
                guard case .string(let text) = element else { throw mismatch(key, "an array of strings", element) }
                texts.append(text)
            }
            return texts
        case let other?: throw mismatch(key, "an array of strings", other)
        }
    }

    func required<Value>(_ key: String, _ value: Value?) throws(LineProblem) -> Value {
        guard let value else { throw LineProblem(reason: "missing field \(quotedForMessage(key))") }
        return value
    }

    private func mismatch(_ key: String, _ expected: String, _ found: JSONValue) -> LineProblem {
        LineProblem(reason: "\(quotedForMessage(key)) must be \(expected), got \(found.quoted)")
    }
}

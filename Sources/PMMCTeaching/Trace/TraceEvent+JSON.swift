import PMMC
import PMMCSimulation

extension TraceEvent {
    /// Parses one line as ``TraceEvent/jsonLine`` writes it: the inverse of that property.
    ///
    /// Keys may come in any order, but each at most once; unknown keys are an error.
    /// - Throws: ``TraceFileError`` with line 1 and the reason the line is not an event.
    public init(jsonLine: String) throws(TraceFileError) {
        let bytes = Array(jsonLine.utf8)
        do {
            self = try Self(parsing: bytes[...])
        } catch {
            throw TraceFileError(line: 1, reason: error.reason)
        }
    }

    static let fields: Set<String> = ["time", "kind", "src", "dst", "msg", "slot", "detail"]

    /// Parses one trace line's bytes.
    init(parsing line: ArraySlice<UInt8>) throws(LineProblem) {
        let value = try JSONParser.parse(line)
        guard let object = JSONObject(value) else {
            throw LineProblem(reason: "an event must be a JSON object, got \(value.quoted)")
        }
        try self.init(object)
    }

    init(_ object: JSONObject) throws(LineProblem) {
        try object.requireOnly(Self.fields)
        let time = try object.required("time", object.integer("time"))
        guard time >= 0 else { throw LineProblem(reason: "\"time\" must not be negative, got \(time)") }
        let kindName = try object.required("kind", object.string("kind"))
        guard let kind = Kind(rawValue: kindName) else {
            throw LineProblem(reason: "unknown kind \(quotedForMessage(kindName))")
        }
        self.init(
            time: time, kind: kind,
            source: try Self.process(object, "src"), destination: try Self.process(object, "dst"),
            message: try object.string("msg"), slot: try object.integer("slot"), detail: try object.string("detail"))
    }

    private static func process(_ object: JSONObject, _ key: String) throws(LineProblem) -> ProcessID? {
        guard let name = try object.string(key) else { return nil }
        guard let process = ProcessID(name) else {
            throw LineProblem(reason: "\"\(key)\" is not a process name such as r0, l1 or l0/s2: \(quotedForMessage(name))")
        }
        return process
    }
}

import PMMCSimulation

/// A trace as `pmmc simulate --trace FILE` writes it: a header line naming the command and
/// the arguments that determine the run, then one ``TraceEvent`` per line in time order.
///
/// ```json
/// {"pmmc":"trace","version":1,"command":"simulate","arguments":["--seed","3"]}
/// {"time":0,"kind":"spawn","src":"l0","dst":"l0/s1","msg":"scout 0.0"}
/// ```
public struct TraceFile: Hashable, Sendable {
    /// The format version this library reads and `pmmc simulate` writes.
    public static let version = 1

    /// The `pmmc` command that wrote the trace, e.g. `simulate`.
    public var command: String
    /// The arguments that determine the run, e.g. `["--seed", "3"]`.
    public var arguments: [String]
    /// The events, in the order they happened.
    public var events: [TraceEvent]

    public init(command: String, arguments: [String], events: [TraceEvent]) {
        self.command = command
        self.arguments = arguments
        self.events = events
    }

    /// Parses a trace file's text. See ``init(parsing:)-(Array<UInt8>)``.
    public init(parsing text: String) throws(TraceFileError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Parses a trace file's bytes, strictly: every line must be valid, and the first problem
    /// found is reported with its line number.
    ///
    /// The first line must be a version 1 header; each line after it one event whose time is
    /// not before the previous event's. Blank lines may end the file but not interrupt it.
    /// - Throws: ``TraceFileError`` for an empty file, a missing or foreign header, an
    ///   unsupported version, a line that is not JSON, or an event with a missing or unknown
    ///   `kind`, a `time` that is not a non-negative integer or goes backwards, a `src` or
    ///   `dst` that is not a process name, an unknown field, or a field of the wrong type.
    public init(parsing bytes: [UInt8]) throws(TraceFileError) {
        let lines = Self.lines(of: bytes)
        guard let header = lines.first else { throw TraceFileError(line: 1, reason: "empty file") }
        do {
            (command, arguments) = try Self.header(bytes[header])
        } catch {
            throw TraceFileError(line: 1, reason: error.reason)
        }
        events = []
        events.reserveCapacity(lines.count - 1)
        for (offset, range) in lines.enumerated().dropFirst() {
            do throws(LineProblem) {
                let line = bytes[range]
                guard !Self.isBlank(line) else { throw LineProblem(reason: "blank line inside the trace") }
                let event = try TraceEvent(parsing: line)
                if let previous = events.last, event.time < previous.time {
                    throw LineProblem(reason: "time \(event.time) is before the previous event's time \(previous.time)")
                }
                events.append(event)
            } catch {
                throw TraceFileError(line: offset + 1, reason: error.reason)
            }
        }
    }

    /// The ranges of `bytes`' lines, without their line feeds and without the blank lines
    /// that end the file.
    private static func lines(of bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(start..<end)
            start = end + 1
        }
        lines.append(start..<bytes.count)
        while let last = lines.last, isBlank(bytes[last]) { lines.removeLast() }
        return lines
    }

    private static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static let headerFields: Set<String> = ["pmmc", "version", "command", "arguments"]

    private static func header(_ line: ArraySlice<UInt8>) throws(LineProblem) -> (command: String, arguments: [String]) {
        let value = try JSONParser.parse(line)
        guard let object = JSONObject(value) else {
            throw LineProblem(reason: "not a pmmc trace: the first line is \(value.quoted), not a header object")
        }
        guard object.contains("pmmc") else {
            if object.contains("time") || object.contains("kind") {
                throw LineProblem(reason: "missing header: the first line is an event, not {\"pmmc\":\"trace\",…}")
            }
            throw LineProblem(reason: "not a pmmc trace: the first line has no \"pmmc\" field")
        }
        let format = try object.required("pmmc", object.string("pmmc"))
        guard format == "trace" else {
            throw LineProblem(reason: "not a pmmc trace: \"pmmc\" is \(quotedForMessage(format)), not \"trace\"")
        }
        let version = try object.required("version", object.integer("version"))
        guard version == Self.version else {
            throw LineProblem(reason: "unsupported trace version \(version); this pmmc reads version \(Self.version)")
        }
        try object.requireOnly(headerFields)
        return (try object.required("command", object.string("command")),
                try object.required("arguments", object.strings("arguments")))
    }
}

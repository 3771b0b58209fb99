/// The first line of a trace: the format's version, which host wrote it and in what unit its
/// times are, and the command and arguments that determine the run.
///
/// ```json
/// {"pmmc":"trace","version":2,"host":"simulator","time":"tick","command":"simulate","arguments":["--seed","3"]}
/// ```
public struct TraceHeader: Hashable, Sendable {
    /// The format version this library writes and reads. Version 1 (before message ids and
    /// typed flags) is refused with an error that names it.
    public static let version = 2

    /// Which engine ran the protocol.
    public enum Host: String, Sendable, CaseIterable {
        /// The deterministic simulator: one seed, one run.
        case simulator
        /// The actor runtime: real concurrency and real time.
        case runtime
    }

    /// What an event's `time` counts.
    public enum TimeUnit: String, Sendable, CaseIterable {
        /// The simulator's virtual ticks.
        case tick
        /// Microseconds since the runtime's cluster started.
        case microsecond
    }

    public var host: Host
    public var timeUnit: TimeUnit
    /// The `pmmc` command that wrote the trace, e.g. `simulate`.
    public var command: String
    /// The arguments that determine the run, e.g. `["--seed", "3"]`.
    public var arguments: [String]

    public init(host: Host, timeUnit: TimeUnit, command: String, arguments: [String]) {
        self.host = host
        self.timeUnit = timeUnit
        self.command = command
        self.arguments = arguments
    }

    /// A simulator's header: times in ticks.
    public static func simulator(command: String = "simulate", arguments: [String]) -> TraceHeader {
        TraceHeader(host: .simulator, timeUnit: .tick, command: command, arguments: arguments)
    }

    /// The header as one line of JSON, keys in the order shown above.
    public var jsonLine: String {
        let quoted = arguments.map(JSONText.quoted).joined(separator: ",")
        return "{\"pmmc\":\"trace\",\"version\":\(Self.version),\"host\":\"\(host.rawValue)\",\"time\":\"\(timeUnit.rawValue)\","
            + "\"command\":" + JSONText.quoted(command) + ",\"arguments\":[\(quoted)]}"
    }

    private static let fields: Set<String> = ["pmmc", "version", "host", "time", "command", "arguments"]

    init(parsing line: ArraySlice<UInt8>) throws(LineProblem) {
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
            let hint = version == 1 ? " (written before message ids; run the command again to write it anew)" : ""
            throw LineProblem(reason: "unsupported trace version \(version); this pmmc reads version \(Self.version)\(hint)")
        }
        try object.requireOnly(Self.fields)
        let hostName = try object.required("host", object.string("host"))
        guard let host = Host(rawValue: hostName) else {
            throw LineProblem(reason: "unknown host \(quotedForMessage(hostName)); expected \"simulator\" or \"runtime\"")
        }
        let unitName = try object.required("time", object.string("time"))
        guard let unit = TimeUnit(rawValue: unitName) else {
            throw LineProblem(reason: "unknown time unit \(quotedForMessage(unitName)); expected \"tick\" or \"microsecond\"")
        }
        self.init(host: host, timeUnit: unit, command: try object.required("command", object.string("command")),
                  arguments: try object.required("arguments", object.strings("arguments")))
    }
}

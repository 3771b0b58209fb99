/// A whole trace in memory: its header and its events. For a trace too large to hold, read
/// it with a ``TraceReader`` instead.
///
/// ```json
/// {"pmmc":"trace","version":2,"host":"simulator","time":"tick","command":"simulate","arguments":["--seed","3"]}
/// {"time":0,"kind":"spawn","src":"l0","dst":"l0/s1","msg":"scout 0.0"}
/// {"time":0,"kind":"send","src":"l0/s1","dst":"a0","id":0,"type":"p1a","msg":"p1a(0.0)"}
/// ```
public struct TraceFile: Hashable, Sendable {
    public var header: TraceHeader
    /// The events, in the order they happened.
    public var events: [TraceEvent]

    public init(header: TraceHeader, events: [TraceEvent]) {
        self.header = header
        self.events = events
    }

    /// Parses a trace file's text. See ``init(parsing:)-(Array<UInt8>)``.
    public init(parsing text: String) throws(TraceFileError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Parses a trace file's bytes, strictly, as ``TraceReader`` reads them: the first problem
    /// found is reported with its line number.
    public init(parsing bytes: [UInt8]) throws(TraceFileError) {
        var reader = try TraceReader(bytes: bytes)
        header = reader.header
        events = []
        while let event = try reader.next() {
            events.append(event)
        }
    }

    /// The file's text: the header line, then one line per event, each ending in a line feed.
    public var text: String {
        ([header.jsonLine] + events.map(\.jsonLine)).joined(separator: "\n") + "\n"
    }
}

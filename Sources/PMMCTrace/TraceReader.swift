/// Reads a trace one event at a time, strictly, from any source of bytes: a file read in
/// chunks, standard input, or bytes in memory.
///
/// The header is checked first, before anything else is read. Each event is parsed when
/// ``next()`` asks for it, and the first problem ends the reading with a ``TraceFileError``
/// that names its line. Memory holds one chunk and one line at a time, whatever the size of
/// the file: a header line may be at most ``maximumHeaderLength`` bytes and an event line
/// ``maximumLineLength``, so a file that is not a trace fails fast.
public struct TraceReader {
    /// The longest first line accepted.
    public static let maximumHeaderLength = 64 * 1024
    /// The longest event line accepted (a late `p1b` of a long run carries many pvalues).
    public static let maximumLineLength = 64 * 1024 * 1024

    /// The trace's first line.
    public let header: TraceHeader
    private var lines: LineSplitter
    private var lastTime = 0
    /// The first of the blank lines read since the last event: an error if an event follows.
    private var firstBlankLine: Int?

    /// Reads the header from `nextChunk`, which returns the source's next bytes (waiting for
    /// them if need be) and `nil` at the end. An error it throws ends the reading; the reader
    /// puts the number of the line it was reading in it.
    /// - Throws: ``TraceFileError`` for an empty source, a missing, foreign or overlong
    ///   header, or an unsupported version; or what `nextChunk` throws.
    public init(nextChunk: @escaping () throws(TraceFileError) -> [UInt8]?) throws(TraceFileError) {
        lines = LineSplitter(nextChunk: nextChunk)
        guard let line = try lines.next(limit: Self.maximumHeaderLength) else {
            throw TraceFileError(line: 1, reason: "empty file")
        }
        if Self.isBlank(line) {
            while let next = try lines.next(limit: Self.maximumLineLength) {
                guard Self.isBlank(next) else { throw TraceFileError(line: 1, reason: "not a pmmc trace: the first line is blank") }
            }
            throw TraceFileError(line: 1, reason: "empty file")
        }
        do {
            header = try TraceHeader(parsing: line)
        } catch {
            throw TraceFileError(line: 1, reason: error.reason)
        }
    }

    /// Reads a trace held in memory.
    public init(bytes: [UInt8]) throws(TraceFileError) {
        var remaining: [UInt8]? = bytes
        try self.init { () throws(TraceFileError) -> [UInt8]? in
            defer { remaining = nil }
            return remaining
        }
    }

    /// The next event, or `nil` at the end of the trace.
    /// - Throws: ``TraceFileError`` for a line that is not an event: not JSON, a missing or
    ///   unknown `kind`, a `time` that is negative or goes backwards, a `src` or `dst` that is
    ///   not a process name, an unknown field, a field of the wrong type, a message event
    ///   without its `id`; a blank line followed by more events; an overlong line.
    public mutating func next() throws(TraceFileError) -> TraceEvent? {
        while let line = try lines.next(limit: Self.maximumLineLength) {
            if Self.isBlank(line) {
                if firstBlankLine == nil { firstBlankLine = lines.lineNumber }
                continue
            }
            if let blank = firstBlankLine {
                throw TraceFileError(line: blank, reason: "blank line inside the trace")
            }
            do throws(LineProblem) {
                let event = try TraceEvent(parsing: line)
                if event.time < lastTime {
                    throw LineProblem(reason: "time \(event.time) is before the previous event's time \(lastTime)")
                }
                lastTime = event.time
                return event
            } catch {
                throw TraceFileError(line: lines.lineNumber, reason: error.reason)
            }
        }
        return nil
    }

    private static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

/// Cuts a stream of chunks into lines, holding one chunk and one line at a time.
struct LineSplitter {
    private let nextChunk: () throws(TraceFileError) -> [UInt8]?
    private var buffer: [UInt8] = []
    /// Where the next line starts in ``buffer``.
    private var start = 0
    /// How many bytes past ``start`` are known to hold no line feed.
    private var scanned = 0
    private var exhausted = false
    /// The number of the line returned last, from 1.
    private(set) var lineNumber = 0

    init(nextChunk: @escaping () throws(TraceFileError) -> [UInt8]?) {
        self.nextChunk = nextChunk
    }

    /// The next line without its line feed, or `nil` at the end of the source.
    /// - Throws: ``TraceFileError`` for a line longer than `limit` bytes.
    mutating func next(limit: Int) throws(TraceFileError) -> ArraySlice<UInt8>? {
        while true {
            if let end = buffer[(start + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                return try take(start..<end, resumingAt: end + 1, limit: limit)
            }
            scanned = buffer.count - start
            if scanned > limit {
                lineNumber += 1
                throw overlong(limit)
            }
            if exhausted {
                guard start < buffer.count else { return nil }
                return try take(start..<buffer.count, resumingAt: buffer.count, limit: limit)
            }
            buffer.removeSubrange(0..<start)
            start = 0
            let chunk: [UInt8]?
            do {
                chunk = try nextChunk()
            } catch {
                throw TraceFileError(line: lineNumber + 1, reason: error.reason)
            }
            if let chunk {
                buffer.append(contentsOf: chunk)
            } else {
                exhausted = true
            }
        }
    }

    private mutating func take(_ range: Range<Int>, resumingAt next: Int, limit: Int) throws(TraceFileError) -> ArraySlice<UInt8> {
        lineNumber += 1
        start = next
        scanned = 0
        guard range.count <= limit else { throw overlong(limit) }
        return buffer[range]
    }

    private func overlong(_ limit: Int) -> TraceFileError {
        TraceFileError(line: lineNumber, reason: lineNumber == 1
            ? "not a pmmc trace: the first line is longer than \(limit) bytes"
            : "line longer than \(limit) bytes")
    }
}

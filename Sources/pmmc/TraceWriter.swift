import PMMCTrace
import PMMCSimulation

/// Writes a trace file: a header line naming the command's arguments (enough to replay the
/// run), then one JSON line per event. Buffered; call ``close()`` at the end.
///
/// The simulator's trace hook cannot throw, so a write that fails is kept in ``failure`` and
/// nothing more is written; ``close()`` throws it.
final class TraceWriter {
    private let file: OutputFile
    private var buffer = JSONBuffer(capacity: TraceWriter.flushSize + 4096)
    /// Buffered bytes are written when they reach this size.
    private static let flushSize = 1 << 20
    /// The first write that failed, if any.
    private(set) var failure: Failure?

    init(path: String, header: TraceHeader) throws(Failure) {
        file = try OutputFile(path: path)
        append(header.jsonLine)
    }

    func write(_ event: TraceEvent) {
        guard failure == nil else { return }
        event.appendJSONLine(to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Writes what is buffered and closes the file; throws the first failure.
    func close() throws(Failure) {
        flush()
        let closing = Result { () throws(Failure) in try file.close() }
        if let failure { throw failure }
        try closing.get()
    }

    private func append(_ line: String) {
        var line = line
        line.withUTF8 { buffer.append($0) }
        buffer.append(UInt8(ascii: "\n"))
    }

    private func flush() {
        guard failure == nil else { return }
        do {
            try buffer.withBytes { bytes throws(Failure) in try file.write(UnsafeRawBufferPointer(bytes)) }
        } catch {
            failure = error
        }
        buffer.removeAll()
    }

    /// `arguments` without `--trace FILE` (or `--trace=FILE`) and `--progress`, which change
    /// where output goes but not the run, so that the header of two runs with one seed is the
    /// same wherever they write.
    static func runArguments(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
            } else if argument == "--trace" {
                skipNext = true
            } else if !argument.hasPrefix("--trace="), argument != "--progress" {
                kept.append(argument)
            }
        }
        return kept
    }
}

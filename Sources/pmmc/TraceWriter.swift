import Foundation
import PMMCSimulation

/// Writes a trace file: a header line naming the command's arguments (enough to replay the
/// run), then one JSON line per event. Buffered; call ``close()`` at the end.
final class TraceWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String, arguments: [String]) throws(UsageError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw UsageError(message: "cannot write trace file '\(path)'") }
        self.handle = handle
        let quoted = arguments.map(TraceEvent.quoted).joined(separator: ",")
        append("{\"pmmc\":\"trace\",\"version\":1,\"command\":\"simulate\",\"arguments\":[\(quoted)]}")
    }

    func write(_ event: TraceEvent) {
        append(event.jsonLine)
        if buffer.count >= 1 << 20 { flush() }
    }

    func close() throws {
        flush()
        try handle.close()
    }

    private func append(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

import Foundation
import PMMCTrace

/// Standard input or a file opened for reading, read in chunks with `read(2)`, so that a
/// trace of any size streams through a ``TraceReader`` in constant memory.
final class InputFile {
    private let descriptor: Int32
    /// How messages name the file: `'run.jsonl'` or `standard input`.
    let name: String
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)

    /// Opens `path`, or standard input for `-`.
    init(path: String) throws(UsageError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            name = "standard input"
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            throw UsageError(message: errno == ENOENT ? "no trace file '\(path)'" : "cannot read trace file '\(path)': \(systemReason())")
        }
        descriptor = opened
        name = "'\(path)'"
    }

    deinit {
        if descriptor != STDIN_FILENO { close(descriptor) }
    }

    /// The next bytes, or `nil` at the end; a failed read (a directory, an I/O error) is a
    /// ``TraceFileError``, whose line the reader fills in.
    func nextChunk() throws(TraceFileError) -> [UInt8]? {
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count > 0 { return Array(chunk[..<count]) }
            if count == 0 { return nil }
            if errno == EINTR { continue }
            throw TraceFileError(line: 0, reason: "cannot read: \(systemReason())")
        }
    }
}

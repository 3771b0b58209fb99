import Foundation
import PMMCTrace

/// Standard input or a file opened for reading, read in chunks with `read(2)`, so that a
/// trace of any size streams through a ``TraceReader`` in constant memory; or read whole.
final class InputFile {
    private let descriptor: Int32
    /// How messages name the file: `'run.jsonl'` or `standard input`.
    let name: String
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)

    /// Opens `path`, or standard input for `-`; `kind` names the file in errors, as in
    /// `no trace file 'run.jsonl'`.
    init(path: String, kind: String = "trace file") throws(UsageError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            name = "standard input"
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            throw UsageError(message: errno == ENOENT ? "no \(kind) '\(path)'" : "cannot read \(kind) '\(path)': \(systemReason())")
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
        guard let chunk = read() else { throw TraceFileError(line: 0, reason: "cannot read: \(systemReason())") }
        return chunk.isEmpty ? nil : chunk
    }

    /// Every byte up to the end. - Throws: ``UsageError`` naming the file if a read fails.
    func readAll() throws(UsageError) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            guard let chunk = read() else { throw UsageError(message: "cannot read \(name): \(systemReason())") }
            if chunk.isEmpty { return bytes }
            bytes += chunk
        }
    }

    /// The next bytes, empty at the end, or `nil` when the read failed (`errno` says why).
    private func read() -> [UInt8]? {
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count >= 0 { return Array(chunk[..<count]) }
            if errno != EINTR { return nil }
        }
    }
}

/// The C library's `read`, which ``InputFile`` hides behind its own `read()`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    Foundation.read(descriptor, buffer, count)
}

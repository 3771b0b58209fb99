import Foundation
import PMMCTeaching

/// A failure while running, such as a write that did not happen: printed as one line, exit
/// status 1.
struct Failure: Error {
    let message: String
}

/// Standard output or a file opened for writing, written with `write(2)`. A write that fails
/// (a full disk, `/dev/full`) throws a ``Failure`` naming the file and
/// the system's reason instead of trapping.
///
/// Opening a path writes to whatever is there, as other Unix tools do: through a symbolic
/// link to its target, into a FIFO to its reader, to a device. Only a missing file is created.
struct OutputFile {
    let descriptor: Int32
    /// How messages name the file: `'run.jsonl'` or `standard output`.
    let name: String

    static let standardOutput = OutputFile(descriptor: STDOUT_FILENO, name: "standard output")
    static let standardError = OutputFile(descriptor: STDERR_FILENO, name: "standard error")

    private init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// Opens `path` for writing: an existing regular file is truncated, a missing one created
    /// (mode 0666 less the umask). A FIFO blocks until it has a reader.
    init(path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw Failure(message: "cannot open '\(path)' for writing: \(systemReason())")
        }
        self.init(descriptor: descriptor, name: "'\(path)'")
    }

    /// Writes every byte of `bytes`, retrying after interruptions and short writes.
    func write(_ bytes: [UInt8]) throws(Failure) {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(Failure) in try write(buffer) } }
        try result.get()
    }

    /// Writes every byte of `bytes`, retrying after interruptions and short writes.
    func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot write to \(name): \(systemReason())")
            }
            offset += written
        }
    }

    /// Writes `text`, ending it with a line feed if it has none.
    func write(line text: String) throws(Failure) {
        try write(Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Closes a file opened with ``init(path:)``; a failure to close can be a write that failed
    /// late, as on a network file system.
    func close() throws(Failure) {
        guard systemClose(descriptor) == 0 else {
            throw Failure(message: "cannot write to \(name): \(systemReason())")
        }
    }
}

/// Writes `message` and a line feed to standard error with its control characters escaped,
/// so that an argument echoed back cannot drive the terminal. A failure to write is ignored:
/// there is nowhere left to report it.
func printDiagnostic(_ message: String) {
    try? OutputFile.standardError.write(line: ControlCharacters.escaped(message))
}

/// The C library's `write`, which ``OutputFile/write(_:)`` hides inside the type.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// The C library's `close`, which ``OutputFile/close()`` hides inside the type.
private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// What `errno` says, e.g. `No space left on device`.
func systemReason() -> String {
    String(cString: strerror(errno))
}

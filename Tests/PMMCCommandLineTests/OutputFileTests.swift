import Foundation
import Testing
@testable import pmmc

/// `--output` and `--trace` write to the path they are given, as other Unix tools do: a
/// symbolic link or a FIFO stays what it is.
@Suite("Output files")
struct OutputFileTests {
    /// A fresh temporary directory, removed after `body`.
    private func inTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmmc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    private func write(_ text: String, to path: String) throws {
        let file = try OutputFile(path: path)
        try file.write(line: text)
        try file.close()
    }

    @Test("a new file is created; an existing one is truncated")
    func regularFile() throws {
        try inTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("out.txt").path
            try write("a longer first text", to: path)
            try write("second", to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        }
    }

    @Test("through a symbolic link: the target gets the text, the link stays a link")
    func symbolicLink() throws {
        try inTemporaryDirectory { directory in
            let target = directory.appendingPathComponent("target.txt").path
            let link = directory.appendingPathComponent("link.txt").path
            try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            try write("new", to: link)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        }
    }

    @Test("into a FIFO: its reader gets the text, the FIFO stays a FIFO")
    func fifo() throws {
        try inTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("fifo").path
            #expect(mkfifo(path, 0o600) == 0)
            let reader = open(path, O_RDONLY | O_NONBLOCK)
            try #require(reader >= 0)
            defer { close(reader) }
            try write("through the pipe", to: path)
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = read(reader, &buffer, buffer.count)
            #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "through the pipe\n")
            var status = stat()
            #expect(lstat(path, &status) == 0)
            #expect(status.st_mode & S_IFMT == S_IFIFO)
        }
    }

    @Test("a path that cannot be opened is a failure naming it and the reason")
    func cannotOpen() throws {
        try inTemporaryDirectory { directory in
            #expect(throws: Failure.self) { try OutputFile(path: directory.path) }
            do throws(Failure) {
                _ = try OutputFile(path: directory.appendingPathComponent("missing/out.txt").path)
                Issue.record("opened a file in a missing directory")
            } catch {
                #expect(error.message == "cannot open '\(directory.path)/missing/out.txt' for writing: No such file or directory")
            }
        }
    }
}

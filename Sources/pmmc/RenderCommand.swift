import Foundation
import PMMCTeaching

/// `pmmc render`: draws a trace file written by `pmmc simulate --trace`.
struct RenderCommand {
    static let usage = """
        USAGE: pmmc render TRACE [options]

        Draws a trace written by 'pmmc simulate --trace TRACE': one step per instant of
        virtual time with the events of that instant, one lane per process (scouts and
        commanders on their leader's lane). A TRACE of '-' is read from standard input.

        WINDOW (times in virtual ticks)
          --from T              start at time T (default: the first event)
          --to T                end at time T, inclusive (default: the last event)
          --max-steps N         draw at most N steps
          --max-events N        draw at most N events; the last step may be cut short
        OUTPUT
        \(OutputOptions.usage)
          --title TEXT          the heading (default: the command that wrote the trace)
          -h, --help            show this help

        Exit status: 0 when the trace was drawn, 1 when the drawing cannot be written, 2 for
        bad usage, a trace that cannot be read or a malformed trace.
        """

    let tracePath: String
    let window: TraceWindow
    let output: OutputOptions
    let title: String?

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        let from = try reader.integer("--from", in: 0...Int.max)
        let to = try reader.integer("--to", in: 0...Int.max)
        if let from, let to, from > to { throw UsageError(message: "--from \(from) is after --to \(to)") }
        window = TraceWindow(from: from, to: to, maxSteps: try reader.integer("--max-steps", in: 1...Int.max),
                             maxEvents: try reader.integer("--max-events", in: 1...Int.max))
        output = try OutputOptions(&reader)
        title = try reader.value("--title")
        let paths = reader.operands()
        try reader.finish()
        guard let path = paths.first else { throw UsageError(message: "name a trace file, e.g. 'pmmc render run.jsonl'") }
        guard paths.count == 1 else { throw UsageError(message: "unexpected argument '\(paths[1])'") }
        tracePath = path
    }

    func run() throws -> Int32 {
        let bytes = try Self.contents(of: tracePath)
        let file: TraceFile
        do {
            file = try TraceFile(parsing: bytes)
        } catch {
            throw UsageError(message: "\(readFromStandardInput ? "standard input" : tracePath):\(error.line): \(error.reason)")
        }
        let transcript = Transcript(trace: file.events, title: title ?? defaultTitle(file), window: window)
        if transcript.parts.allSatisfy(\.steps.isEmpty) {
            let when = timeRange.map { " at \($0)" } ?? ""
            let name = readFromStandardInput ? "standard input" : "'\(tracePath)'"
            printDiagnostic("pmmc render: warning: \(name) has no events\(when) to draw")
        }
        try output.write(render(transcript, as: output.format, colour: output.colour))
        return 0
    }

    /// Whether the trace is read from standard input (`pmmc render -`).
    private var readFromStandardInput: Bool { tracePath == "-" }

    private static func contents(of path: String) throws(UsageError) -> [UInt8] {
        if path == "-" {
            do {
                return [UInt8](try FileHandle.standardInput.readToEnd() ?? Data())
            } catch {
                throw UsageError(message: "cannot read standard input: \(error.localizedDescription)")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UsageError(message: "no trace file '\(path)'")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw UsageError(message: "cannot read trace file '\(path)'")
        }
        return [UInt8](data)
    }

    /// E.g. `pmmc simulate --seed 3, t=100…200`.
    private func defaultTitle(_ file: TraceFile) -> String {
        (["pmmc", file.command] + file.arguments).joined(separator: " ") + (timeRange.map { ", " + $0 } ?? "")
    }

    /// The time window, e.g. `t=100…200`; `nil` for all times.
    private var timeRange: String? {
        switch (window.from, window.to) {
        case (nil, nil): nil
        case (let from?, nil): "t=\(from)…"
        case (nil, let to?): "t=…\(to)"
        case (let from?, let to?): "t=\(from)…\(to)"
        }
    }
}

import PMMCTrace
import Foundation
import PMMCTeaching

/// `pmmc render`: draws a trace file written by `pmmc simulate --trace` or `pmmc run --trace`.
struct RenderCommand {
    static let usage = """
        USAGE: pmmc render TRACE [options]

        Draws a trace written by 'pmmc simulate --trace TRACE' or 'pmmc run --trace TRACE':
        one step per instant of the trace's time with the events of that instant, one lane
        per process (scouts and commanders on their leader's lane). A TRACE of '-' is read
        from standard input.

        WINDOW (times in the trace's unit: virtual ticks, or microseconds for 'pmmc run')
          --from T              start at time T (default: the first event)
          --to T                end at time T, inclusive (default: the last event)
          --max-steps N         draw at most N steps
          --max-events N        draw at most N events; the last step may be cut short
                                (default: \(defaultMaxEvents), so that a long trace stays a picture
                                you can open; a note on standard error says when it cut)
          --max-height PX       an SVG at most PX pixels tall: the steps that fit are drawn
                                (default: \(defaultMaxHeight); a note on standard error says
                                when it cut and how tall the whole picture would be)
          --all                 no default cap: draw every event in the window, however
                                tall the picture
        OUTPUT
        \(OutputOptions.usage)
          --title TEXT          the heading (default: the command that wrote the trace)
          -h, --help            show this help

        Exit status: 0 when the trace was drawn, 1 when the drawing cannot be written, 2 for
        bad usage, a trace that cannot be read or a malformed trace.
        """

    /// The most events drawn when no window caps them.
    static let defaultMaxEvents = 1_000
    /// The tallest SVG drawn unless `--max-height` or `--all` says otherwise, in pixels: about
    /// twenty screens, which a browser still opens quickly.
    static let defaultMaxHeight = 20_000

    let tracePath: String
    let window: TraceWindow
    let output: OutputOptions
    let title: String?
    /// Whether ``window``'s event cap is the default one.
    let capsByDefault: Bool
    /// The tallest SVG to draw; `nil` for no cap.
    let maxHeight: Int?

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        let from = try reader.integer("--from", in: 0...Int.max)
        let to = try reader.integer("--to", in: 0...Int.max)
        if let from, let to, from > to { throw UsageError(message: "--from \(from) is after --to \(to)") }
        let maxSteps = try reader.integer("--max-steps", in: 1...Int.max)
        let maxEvents = try reader.integer("--max-events", in: 1...Int.max)
        let all = try reader.flag("--all")
        if all, maxEvents != nil { throw UsageError(message: "--all and --max-events cannot be given together") }
        let maxHeight = try reader.integer("--max-height", in: 100...10_000_000)
        if all, maxHeight != nil { throw UsageError(message: "--all and --max-height cannot be given together") }
        self.maxHeight = all ? nil : maxHeight ?? Self.defaultMaxHeight
        window = TraceWindow(from: from, to: to, maxSteps: maxSteps,
                             maxEvents: maxEvents ?? (all ? nil : Self.defaultMaxEvents))
        capsByDefault = !all && maxEvents == nil
        output = try OutputOptions(&reader)
        title = try reader.value("--title")
        let paths = reader.operands()
        try reader.finish()
        guard let path = paths.first else { throw UsageError(message: "name a trace file, e.g. 'pmmc render run.jsonl'") }
        guard paths.count == 1 else { throw UsageError(message: "unexpected argument '\(paths[1])'") }
        tracePath = path
    }

    func run() throws -> Int32 {
        let input = try InputFile(path: tracePath)
        let transcript: Transcript
        let more: Bool
        do {
            var reader = try TraceReader(nextChunk: input.nextChunk)
            (transcript, more) = try Transcript.reading(&reader, title: title ?? defaultTitle(reader.header), window: window)
        } catch {
            throw UsageError(message: "\(readFromStandardInput ? "standard input" : tracePath):\(error.line): \(error.reason)")
        }
        if transcript.parts.allSatisfy(\.steps.isEmpty) {
            let when = timeRange.map { " at \($0)" } ?? ""
            printDiagnostic("pmmc render: warning: \(input.name) has no events\(when) to draw")
        }
        if output.format == .svg, let maxHeight {
            let picture = SVGRenderer().render(transcript, maximumHeight: Double(maxHeight))
            try output.write(picture.document)
            if picture.isCut {
                printDiagnostic("pmmc render: note: the whole picture would be \(Int(picture.fullWidth))×"
                                + "\(Int(picture.fullHeight)) px; drew its first \(picture.stepsDrawn) of \(picture.stepCount) "
                                + "steps, \(Int(picture.height)) px tall; choose a window with --from and --to, or lift "
                                + "the cap with --max-height PX or --all")
            }
        } else {
            try output.write(render(transcript, as: output.format, colour: output.colour))
        }
        if more, capsByDefault, transcript.parts.reduce(0, { $0 + $1.steps.reduce(0) { $0 + $1.events.count } }) == Self.defaultMaxEvents {
            printDiagnostic("pmmc render: note: drew the first \(Self.defaultMaxEvents) events of \(input.name); "
                            + "choose a window with --from and --to, or draw them all with --all")
        }
        return 0
    }

    /// Whether the trace is read from standard input (`pmmc render -`).
    private var readFromStandardInput: Bool { tracePath == "-" }

    /// E.g. `pmmc simulate --seed 3, t=100…200`.
    private func defaultTitle(_ header: TraceHeader) -> String {
        (["pmmc", header.command] + header.arguments).joined(separator: " ") + (timeRange.map { ", " + $0 } ?? "")
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

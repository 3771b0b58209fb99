import Foundation
import PMMCTeaching

/// `--format`, `--output` and `--colour`, shared by `pmmc walkthrough` and `pmmc render`.
struct OutputOptions {
    /// When to colour text.
    enum Colour: String, CaseIterable {
        case auto, always, never
    }

    static let usage = """
          --format FORMAT       text (default), markdown, mermaid, svg, or slides (an HTML
                                deck: one space-time diagram per step)
          --output FILE         write to FILE instead of standard output; never coloured;
                                a symbolic link or a FIFO is written through, not replaced
          --colour WHEN         colour text: auto (default; when standard output is a
                                terminal, TERM is not dumb and NO_COLOR is empty or unset),
                                always or never
        """

    let format: RenderFormat
    /// Where to write; `nil` for standard output.
    let path: String?
    let colourChoice: Colour

    init(_ reader: inout ArgumentReader) throws(UsageError) {
        format = try reader.choice("--format", default: .text)
        path = try reader.value("--output")
        colourChoice = try reader.choice("--colour", default: .auto)
    }

    /// Whether to colour the output: never in a file; with `auto`, only for a terminal that
    /// takes colours and a user who has not asked for none (https://no-color.org).
    var colour: Bool {
        guard path == nil else { return false }
        switch colourChoice {
        case .always:
            return true
        case .never:
            return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return isatty(STDOUT_FILENO) != 0 && environment["TERM"] != "dumb" && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }

    /// Writes `text`, ending in a line feed, to the file or to standard output.
    func write(_ text: String) throws(Failure) {
        guard let path else { return try OutputFile.standardOutput.write(line: text) }
        let file = try OutputFile(path: path)
        let writing = Result { () throws(Failure) in try file.write(line: text) }
        let closing = Result { () throws(Failure) in try file.close() }
        try writing.get()
        try closing.get()
    }
}

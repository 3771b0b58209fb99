// TEMPORARY: a stand-in for the renderers being written on the render branch, with the same
// declarations, so that the command-line tool builds. Drop this file when that branch lands.

/// The formats a ``Transcript`` renders to.
public enum RenderFormat: String, CaseIterable, Sendable {
    case text, markdown, mermaid, svg
}

/// Renders `transcript` in `format`; `colour` adds terminal colours to text.
public func render(_ transcript: Transcript, as format: RenderFormat, colour: Bool = false) -> String {
    TextRenderer(colour: colour).render(transcript)
}

/// Renders a ``Transcript`` as terminal text, whole or piece by piece.
public struct TextRenderer {
    private let colour: Bool

    public init(colour: Bool) {
        self.colour = colour
    }

    /// The title and the lesson.
    public func header(_ t: Transcript) -> String {
        t.lesson.isEmpty ? t.title + "\n" : t.title + "\n\n" + t.lesson + "\n"
    }

    /// A part's heading, if it has one.
    public func part(_ p: Transcript.Part) -> String {
        p.heading.map { $0 + "\n" } ?? ""
    }

    /// One step: its number, narration and events.
    public func step(_ s: Step) -> String {
        "\(s.number). \(s.narration)\n" + s.events.map { "   " + $0.jsonLine + "\n" }.joined()
    }

    /// The checks.
    public func footer(_ t: Transcript) -> String {
        t.checks.map { "\($0.holds ? "holds" : "FAILS"): \($0.name) \($0.statement)\n" }.joined()
    }

    /// The whole transcript.
    public func render(_ t: Transcript) -> String {
        header(t) + t.parts.map { part($0) + $0.steps.map(step).joined() }.joined() + footer(t)
    }
}

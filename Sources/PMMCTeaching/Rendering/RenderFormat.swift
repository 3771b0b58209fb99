/// The ways a ``Transcript`` can be drawn.
public enum RenderFormat: String, CaseIterable, Sendable {
    /// Terminal text: events in arrow notation and state panels side by side (``TextRenderer``).
    case text
    /// A Markdown document with a state table per step (``MarkdownRenderer``).
    case markdown
    /// A Mermaid sequence diagram (``MermaidRenderer``).
    case mermaid
    /// A space-time diagram as a standalone SVG image (``SVGRenderer``).
    case svg
    /// An HTML slide deck with a space-time diagram per step (``SlidesRenderer``).
    case slides
}

/// Draws `transcript` in `format`.
///
/// - Parameters:
///   - transcript: The story to draw.
///   - format: Which renderer to use.
///   - colour: Whether terminal text may use ANSI colour; the other formats ignore it.
/// - Returns: The whole document, ending with a newline.
public func render(_ transcript: Transcript, as format: RenderFormat, colour: Bool = false) -> String {
    switch format {
    case .text: TextRenderer(colour: colour).render(transcript)
    case .markdown: MarkdownRenderer().render(transcript)
    case .mermaid: MermaidRenderer().render(transcript)
    case .svg: SVGRenderer().render(transcript)
    case .slides: SlidesRenderer().render(transcript)
    }
}

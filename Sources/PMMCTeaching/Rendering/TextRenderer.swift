import PMMCTrace
import PMMC
import PMMCSimulation

/// Draws a ``Transcript`` as terminal text.
///
/// Every step lists its events one per line in arrow notation (`l0/s1 → a0   p1a(0.0)`,
/// `✗ l0/s1 → a1   p1a(0.0)   dropped (loss)`, `↯ l0 crashed`, `✓ r0: slot 1 decided: …`)
/// and then the state panels side by side, as the slides print them. A state the step changed
/// has ` *` after its title. Colour only repeats what the words and markers already say, so
/// the text reads the same without it. Control characters in the transcript are written
/// visibly (`\u{1B}`), so only the renderer's own colours reach the terminal.
///
/// The pieces (``header(_:)``, ``part(_:of:)``, ``step(_:)``, ``footer(_:)``) let a caller
/// print a story one step at a time. Each is a run of whole lines ending in a newline, with
/// no blank line at either end; ``render(_:)`` puts one blank line between them.
public struct TextRenderer: Sendable {
    /// Whether to use ANSI escapes for emphasis.
    public var colour: Bool

    /// The widest a lesson or narration line gets before it wraps.
    static let proseWidth = 88
    /// The width state panels are arranged into columns within.
    static let panelWidth = 100

    public init(colour: Bool = false) {
        self.colour = colour
    }

    /// The whole transcript: header, each part's heading and steps, and footer.
    public func render(_ transcript: Transcript) -> String {
        var pieces = [header(transcript)]
        for (index, part) in transcript.parts.enumerated() {
            let heading = self.part(index, of: transcript)
            if !heading.isEmpty { pieces.append(heading) }
            pieces += part.steps.map(step)
        }
        let footer = footer(transcript)
        if !footer.isEmpty { pieces.append(footer) }
        return pieces.joined(separator: "\n")
    }

    /// The title, underlined; the lesson, wrapped at 88 columns; and the processes drawn.
    public func header(_ transcript: Transcript) -> String {
        let title = ControlCharacters.singleLine(transcript.title)
        var lines = [style(.title, title), String(repeating: "═", count: title.count)]
        if !transcript.lesson.isEmpty {
            lines.append("")
            lines += TextWrapping.wrap(transcript.lesson, width: Self.proseWidth)
        }
        if !transcript.lanes.isEmpty {
            lines.append("")
            let lanes = transcript.lanes.map { "\($0) (\($0.roleName))" }.joined(separator: ", ")
            lines += TextWrapping.wrap("Processes: " + lanes, width: Self.proseWidth)
        }
        return finish(lines)
    }

    /// The heading of part `index` of `transcript`, underlined, and for a fork outcome the step
    /// it continues from; empty for a part without a heading.
    public func part(_ index: Int, of transcript: Transcript) -> String {
        guard transcript.parts.indices.contains(index), let heading = transcript.parts[index].heading.map(ControlCharacters.singleLine) else {
            return ""
        }
        var lines = [style(.bold, heading), String(repeating: "─", count: heading.count)]
        if let number = transcript.forkStepNumber(ofPart: index) {
            lines.append("(continues from the state after step \(number))")
        }
        return finish(lines)
    }

    /// `Step N  narration`, the step's events one per line, then its panels in columns.
    public func step(_ step: Transcript.Step) -> String {
        let label = "Step \(step.number)"
        let indent = String(repeating: " ", count: label.count + 2)
        let narration = TextWrapping.wrap(step.narration, width: Self.proseWidth - indent.count)
        var lines = [style(.cyan, label) + "  " + (narration.first ?? "")]
        lines[0] = lines[0].trimmingTrailingSpaces
        lines += narration.dropFirst().map { indent + $0 }
        lines += eventLines(step.events)
        if !step.panels.isEmpty {
            lines.append("")
            lines += TextBlock.columns(step.panels.map(TextBlock.init(panel:)), indent: 2, gap: 4,
                                       maxWidth: Self.panelWidth, colour: colour)
        }
        return finish(lines)
    }

    /// `Invariants checked` and a `✓` or `✗` line per check with its statement and detail;
    /// empty when the transcript checks nothing.
    public func footer(_ transcript: Transcript) -> String {
        guard !transcript.checks.isEmpty else { return "" }
        var lines = [style(.title, "Invariants checked")]
        let names = transcript.checks.map { ControlCharacters.singleLine($0.name) }
        let nameWidth = names.map(\.count).max() ?? 0
        let indent = String(repeating: " ", count: nameWidth + 6)
        for (check, name) in zip(transcript.checks, names) {
            let mark = check.holds ? style(.green, "✓") : style(.boldRed, "✗")
            let verdict = check.holds ? "" : "  (violated)"
            let statement = TextWrapping.wrap(check.statement + verdict, width: Self.proseWidth - indent.count)
            lines.append("  \(mark) \(TextWrapping.pad(name, to: nameWidth))  \(statement.first ?? "")"
                .trimmingTrailingSpaces)
            lines += statement.dropFirst().map { indent + $0 }
            if !check.detail.isEmpty {
                lines += TextWrapping.wrap(check.detail, width: Self.proseWidth - indent.count)
                    .map { indent + style(.dim, $0) }
            }
        }
        return finish(lines)
    }

    /// The events, routes padded to a common width so message texts line up.
    private func eventLines(_ events: [TraceEvent]) -> [String] {
        let notations = events.map(EventNotation.init)
        let routeWidth = notations.compactMap { notation -> Int? in
            if case .message(let route, _, _) = notation.shape { return route.count }
            return nil
        }.max() ?? 0
        return notations.map { notation in
            var text: String
            switch notation.shape {
            case .message(let route, let message, let note):
                text = "\(notation.marker) \(TextWrapping.pad(route, to: routeWidth))   \(message)"
                    + (note.map { "   \($0)" } ?? "")
            case .fact:
                text = notation.line
            }
            text = ControlCharacters.singleLine(text)
            let styled = ANSIStyle(tone: notation.tone).map { $0.apply(to: text, enabled: colour) } ?? text
            return "  " + styled
        }
    }

    private func style(_ style: ANSIStyle, _ text: String) -> String {
        style.apply(to: text, enabled: colour)
    }

    private func finish(_ lines: [String]) -> String {
        lines.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }
}

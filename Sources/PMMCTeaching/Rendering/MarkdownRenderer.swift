import PMMCTrace
import PMMC
import PMMCSimulation

/// Draws a ``Transcript`` as a Markdown document.
///
/// The title is a `#` heading, each part with a heading a `##` heading and each step a `###`
/// heading, `Step N — narration`. A step lists its events as bullets in the text renderer's
/// notation and shows its process states as one table with a column per process (a row per
/// line, values in code spans so that `<0.1, 1, A>` survives); a changed state's column is
/// headed `… (changed)`. Each ``StateTable`` becomes a table of its own, and the checks a
/// final table with `✓` or `✗`.
public struct MarkdownRenderer: Sendable {
    public init() {}

    /// The whole document, ending with a newline.
    public func render(_ transcript: Transcript) -> String {
        var blocks = [header(transcript)]
        for (index, part) in transcript.parts.enumerated() {
            if let heading = part.heading {
                var block = "## " + MarkdownEscaping.text(heading)
                if let number = transcript.forkStepNumber(ofPart: index) {
                    block += "\n\n*Continues from the state after step \(number).*"
                }
                blocks.append(block)
            }
            for step in part.steps {
                blocks += self.step(step)
            }
        }
        if !transcript.checks.isEmpty {
            blocks.append(checks(transcript.checks))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func header(_ transcript: Transcript) -> String {
        var block = "# " + MarkdownEscaping.text(transcript.title)
        if !transcript.lesson.isEmpty {
            block += "\n\n" + MarkdownEscaping.text(transcript.lesson)
        }
        if !transcript.lanes.isEmpty {
            let lanes = transcript.lanes.map { "\(MarkdownEscaping.code($0.description)) (\($0.roleName))" }
            block += "\n\n**Processes:** " + lanes.joined(separator: ", ")
        }
        return block
    }

    /// The step's heading, event list, state table and other tables, as separate blocks.
    private func step(_ step: Transcript.Step) -> [String] {
        var blocks = ["### Step \(step.number) — " + MarkdownEscaping.text(step.narration)]
        if !step.events.isEmpty {
            blocks.append(step.events.map { "- " + event($0) }.joined(separator: "\n"))
        }
        let states = step.panels.compactMap { panel -> ProcessState? in
            if case .state(let state) = panel { return state }
            return nil
        }
        if !states.isEmpty {
            blocks.append(stateTable(states))
        }
        for panel in step.panels {
            if case .table(let table) = panel {
                blocks.append(self.table(table))
            }
        }
        return blocks
    }

    private func event(_ event: TraceEvent) -> String {
        let notation = EventNotation(event)
        // A marker that is itself a list marker (`+`) would open a nested list: escape it.
        let marker = notation.marker == " " ? "" : ("+-*".contains(notation.marker) ? "\\" : "") + "\(notation.marker) "
        switch notation.shape {
        case .message(let route, let text, let note):
            let parts = [MarkdownEscaping.code(route), MarkdownEscaping.code(text)] + (note.map { [MarkdownEscaping.text($0)] } ?? [])
            return marker + parts.filter { !$0.isEmpty }.joined(separator: " ")
        case .fact(let text):
            return marker + MarkdownEscaping.text(text)
        }
    }

    /// One column per process state, one row per line of state.
    private func stateTable(_ states: [ProcessState]) -> String {
        let headings = states.map { MarkdownEscaping.text($0.title) + ($0.changed ? " (changed)" : "") }
        let height = states.map(\.lines.count).max() ?? 0
        let rows = (0..<height).map { index in
            states.map { $0.lines.indices.contains(index) ? MarkdownEscaping.code($0.lines[index]) : "" }
        }
        return Self.table(header: headings, rows: rows)
    }

    private func table(_ table: StateTable) -> String {
        let columns = max(table.columns.count, table.rows.map(\.cells.count).max() ?? 0)
        let header = [""] + (0..<columns).map {
            table.columns.indices.contains($0) ? MarkdownEscaping.text(table.columns[$0]) : ""
        }
        let rows = table.rows.map { row in
            [MarkdownEscaping.text(row.label)] + (0..<columns).map {
                row.cells.indices.contains($0) ? MarkdownEscaping.code(row.cells[$0]) : ""
            }
        }
        return "**" + MarkdownEscaping.text(table.title) + "**\n\n" + Self.table(header: header, rows: rows)
    }

    private func checks(_ checks: [Transcript.Check]) -> String {
        let rows = checks.map { check in
            [check.holds ? "✓" : "✗ violated", MarkdownEscaping.text(check.name),
             MarkdownEscaping.text(check.statement), MarkdownEscaping.text(check.detail)]
        }
        return "## Invariants checked\n\n" + Self.table(header: ["", "Invariant", "Statement", "Detail"], rows: rows)
    }

    /// A GitHub-flavoured table of cells that are already escaped.
    private static func table(header: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.joined(separator: " | ") + " |"
        }
        let rule = line(header.map { _ in "---" })
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// A rectangle of terminal text: lines that may each carry a style, laid out before colouring
/// so that padding counts visible characters only. Control characters in the text are made
/// visible (``ControlCharacters/singleLine(_:)``) before anything is measured.
struct TextBlock: Equatable {
    struct Line: Equatable {
        var text: String
        var style: ANSIStyle?
    }

    var lines: [Line]

    /// The widest line's length in characters.
    var width: Int { lines.map(\.text.count).max() ?? 0 }

    /// A process's state: its title (with ` *` when the step changed it), then one indented
    /// `name: value` line each. A changed state is highlighted when colour is on.
    init(state: ProcessState) {
        let title = ControlCharacters.singleLine(state.title) + (state.changed ? " *" : "")
        lines = [Line(text: title, style: state.changed ? .boldYellow : .bold)]
        lines += state.lines.map { Line(text: "  " + ControlCharacters.singleLine($0), style: state.changed ? .yellow : nil) }
    }

    /// A table: its title, a header row of column names, a rule, then a row per label, every
    /// column as wide as its widest cell.
    init(table: StateTable) {
        let visible = ControlCharacters.singleLine
        let columns = table.columns.map(visible)
        let rows = table.rows.map { (label: visible($0.label), cells: $0.cells.map(visible)) }
        let labelWidth = rows.map(\.label.count).max() ?? 0
        let columnCount = max(columns.count, rows.map(\.cells.count).max() ?? 0)
        let widths = (0..<columnCount).map { column in
            let cells = rows.compactMap { $0.cells.indices.contains(column) ? $0.cells[column] : nil }
            let name = columns.indices.contains(column) ? columns[column] : ""
            return ([name] + cells).map(\.count).max() ?? 0
        }
        func row(_ label: String, _ cells: [String]) -> String {
            let padded = widths.indices.map { column in
                TextWrapping.pad(cells.indices.contains(column) ? cells[column] : "", to: widths[column])
            }
            let text = ([TextWrapping.pad(label, to: labelWidth)] + padded).joined(separator: "  ")
            return ("  " + text).trimmingTrailingSpaces
        }
        let header = row("", columns)
        let rule = "  " + String(repeating: "─", count: labelWidth + widths.reduce(0) { $0 + 2 + $1 })
        lines = [Line(text: visible(table.title), style: .bold), Line(text: header, style: .bold), Line(text: rule, style: nil)]
        lines += rows.map { Line(text: row($0.label, $0.cells), style: nil) }
    }

    /// The panel as a block.
    init(panel: Transcript.Panel) {
        switch panel {
        case .state(let state): self.init(state: state)
        case .table(let table): self.init(table: table)
        }
    }

    /// Blocks side by side in columns, `gap` spaces apart after `indent` spaces, starting a
    /// new row of columns whenever the next block would pass `maxWidth`; rows are separated by
    /// a blank line and trailing spaces are trimmed.
    static func columns(_ blocks: [TextBlock], indent: Int, gap: Int, maxWidth: Int, colour: Bool) -> [String] {
        var rows: [[TextBlock]] = []
        var used = indent
        for block in blocks {
            if let last = rows.indices.last, !rows[last].isEmpty, used + gap + block.width <= maxWidth {
                rows[last].append(block)
                used += gap + block.width
            } else {
                rows.append([block])
                used = indent + block.width
            }
        }
        var output: [String] = []
        for (index, row) in rows.enumerated() {
            if index > 0 { output.append("") }
            let height = row.map(\.lines.count).max() ?? 0
            for lineIndex in 0..<height {
                var text = String(repeating: " ", count: indent)
                var pending = 0
                for (column, block) in row.enumerated() {
                    let isLast = column == row.count - 1
                    guard block.lines.indices.contains(lineIndex) else {
                        pending += block.width + gap
                        continue
                    }
                    let line = block.lines[lineIndex]
                    text += String(repeating: " ", count: pending)
                    text += line.style.map { $0.apply(to: line.text, enabled: colour) } ?? line.text
                    pending = isLast ? 0 : block.width - line.text.count + gap
                }
                output.append(text.allSatisfy { $0 == " " } ? "" : text)
            }
        }
        return output
    }
}

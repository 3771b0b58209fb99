import PMMC

/// The state boxes a step draws: one per process whose state it shows, in the slides' notation,
/// on that process's lane below the step's events, with each changed field marked `old → new`;
/// and the step's tables (single-decree Paxos's `n_a, v_a, n_h, done`) below them.
struct SVGStateBoxes {
    /// What the boxes show.
    enum Detail {
        /// Only the states the step changed, and in them only the changed fields: the whole
        /// story in one picture.
        case changes
        /// Every state the step shows, whole, its changed fields marked: one frame per step.
        case whole
    }

    struct StateBox {
        let lane: ProcessID
        let title: String
        let lines: [StateDiff.Line]
        var height: Double { SVGStateBoxes.titleHeight + Double(lines.count) * SVGStateBoxes.lineHeight + 6 }
    }

    struct TableBox {
        let title: String
        /// Rows of cells, the header first, each row's label first.
        let cells: [[String]]
        let columnWidths: [Double]
        /// Wide enough for its columns and for its title.
        var width: Double {
            max(columnWidths.reduce(0, +), Double(title.count) * SVGStateBoxes.fontSize * SVGCanvas.sansAdvance) + 12
        }
        var height: Double { SVGStateBoxes.titleHeight + Double(cells.count) * SVGStateBoxes.lineHeight + 8 }
    }

    static let fontSize = 10.0
    static let lineHeight = 13.0
    static let titleHeight = 16.0
    /// The space between a lane's box and the next lane's.
    static let boxGap = 14.0

    let states: [StateBox]
    let tables: [TableBox]

    init(_ step: Transcript.Step, detail: Detail, laneSpacing: Double, lanes: Set<ProcessID>) {
        let characters = Self.characters(width: laneSpacing - Self.boxGap - 10)
        var states: [StateBox] = []
        var tables: [TableBox] = []
        for panel in step.panels {
            switch panel {
            case .state(let state):
                guard lanes.contains(state.process.host) else { continue }
                let diff = StateDiff(state)
                let lines: [StateDiff.Line]
                switch detail {
                case .changes:
                    guard state.changed else { continue }
                    lines = diff.changedLines
                case .whole:
                    lines = diff.lines
                }
                let wrapped = lines.flatMap { line in
                    Self.wrap(line.text, width: characters).map { StateDiff.Line(text: $0, changed: line.changed) }
                }
                states.append(StateBox(lane: state.process.host, title: Self.wrap(state.title, width: characters)[0],
                                       lines: wrapped))
            case .table(let table):
                let cells = [[""] + table.columns] + table.rows.map { [$0.label] + $0.cells }
                let count = cells.map(\.count).max() ?? 0
                let widths = (0..<count).map { column in
                    (cells.map { $0.indices.contains(column) ? SVGCanvas.monoWidth($0[column], size: Self.fontSize) : 0 }.max() ?? 0) + 14
                }
                tables.append(TableBox(title: table.title, cells: cells, columnWidths: widths))
            }
        }
        self.states = states
        self.tables = tables
    }

    /// Draws the boxes from `top` down: each state box centred on its lane, the tables below
    /// them from the lanes' left edge. Each box is reserved, so that labels keep clear of it.
    func draw(top: Double, layout: SVGLayout, on canvas: inout SVGCanvas) {
        let width = layout.laneSpacing - Self.boxGap
        for box in states {
            let left = layout.x(box.lane) - width / 2
            let frame = SVGGeometry.Box(minX: left, minY: top, maxX: left + width, maxY: top + box.height)
            canvas.add(SVGCanvas.rect(x: left, y: top, width: width, height: box.height, classes: "state-box", radius: 4),
                       to: .marks)
            canvas.reserve(frame, text: box.title)
            canvas.addFramed(box.title, x: left + 5, y: top + 12, size: Self.fontSize, mono: false,
                             classes: "state-title", frame: frame, to: .marks)
            for (index, line) in box.lines.enumerated() {
                let y = top + Self.titleHeight + Double(index) * Self.lineHeight + 9
                if line.changed {
                    canvas.add(SVGCanvas.rect(x: left + 2, y: y - 9, width: 2.5, height: Self.lineHeight - 1,
                                              classes: "state-bar"), to: .marks)
                }
                canvas.addFramed(line.text, x: left + 8, y: y, size: Self.fontSize, mono: true,
                                 classes: line.changed ? "state-line mono changed" : "state-line mono", frame: frame,
                                 to: .marks)
            }
        }
        var y = top + (states.map(\.height).max().map { $0 + 8 } ?? 0)
        let left = SVGLayout.margin + SVGLayout.gutter + 10
        for table in tables {
            let frame = SVGGeometry.Box(minX: left, minY: y, maxX: left + table.width, maxY: y + table.height)
            canvas.add(SVGCanvas.rect(x: left, y: y, width: table.width, height: table.height, classes: "state-box",
                                      radius: 4), to: .marks)
            canvas.reserve(frame, text: table.title)
            canvas.addFramed(table.title, x: left + 6, y: y + 12, size: Self.fontSize, mono: false,
                             classes: "state-title", frame: frame, to: .marks)
            for (rowIndex, row) in table.cells.enumerated() {
                let baseline = y + Self.titleHeight + Double(rowIndex) * Self.lineHeight + 9
                var x = left + 6
                for (column, cell) in row.enumerated() {
                    let classes = rowIndex == 0 || column == 0 ? "state-line mono table-head" : "state-line mono"
                    canvas.addFramed(cell, x: x, y: baseline, size: Self.fontSize, mono: true, classes: classes,
                                     frame: frame, to: .marks)
                    x += table.columnWidths[column]
                }
            }
            y += table.height + 8
        }
    }

    /// How tall the boxes and tables are together, with the gaps between them.
    var height: Double {
        let boxes = states.map(\.height).max() ?? 0
        let tableHeights = tables.map { $0.height + 8 }.reduce(0, +)
        return boxes + (boxes > 0 && !tables.isEmpty ? 8 : 0) + tableHeights
    }

    /// The widest table, for sizing the picture.
    var tableWidth: Double { tables.map(\.width).max() ?? 0 }

    /// How many monospaced characters fit in `width` pixels.
    static func characters(width: Double) -> Int {
        max(8, Int(width / (fontSize * SVGCanvas.monoAdvance)))
    }

    /// `text` wrapped into lines of at most `width` characters at spaces outside `<…>` and
    /// `{…}`, and inside `[…]` only between items, so that a pvalue, a view or a bracketed
    /// command stays on one line when it fits, and never right after a
    /// field's name or beside an arrow when that fits too; a longer piece is cut.
    /// Every line keeps the text's indent, and a continued line is indented two more.
    static func wrap(_ text: String, width: Int) -> [String] {
        let indent = String(text.prefix { $0 == " " })
        var pieces: [String] = []
        var piece = ""
        var depth = 0
        var listDepth = 0
        for character in ControlCharacters.singleLine(String(text.dropFirst(indent.count))) {
            switch character {
            case "<", "{": depth += 1
            case ">", "}": depth = max(0, depth - 1)
            case "[", "(": listDepth += 1
            case "]", ")": listDepth = max(0, listDepth - 1)
            default: break
            }
            if character == " ", depth == 0, listDepth == 0 || piece.last == "," {
                if !piece.isEmpty { pieces.append(piece) }
                piece = ""
            } else {
                piece.append(character)
            }
        }
        if !piece.isEmpty { pieces.append(piece) }
        // A field name stays with its value, an arrow with both its ends, where they fit.
        var glued: [String] = []
        for piece in pieces {
            if let last = glued.last, last.hasSuffix(":") || last.hasSuffix("→") || last.hasSuffix("←") || piece == "→" || piece == "←",
               indent.count + 2 + last.count + 1 + piece.count <= width {
                glued[glued.count - 1] = last + " " + piece
            } else {
                glued.append(piece)
            }
        }
        pieces = glued
        var lines: [String] = []
        var line = indent
        let continued = indent + "  "
        for piece in pieces {
            let start = lines.isEmpty ? indent : continued
            if line != start, line.count + 1 + piece.count <= width {
                line += " " + piece
                continue
            }
            if line != start { lines.append(line) }
            line = lines.isEmpty ? indent : continued
            var rest = Substring(piece)
            while line.count + rest.count > width, width > line.count {
                let room = width - line.count
                lines.append(line + rest.prefix(room))
                rest = rest.dropFirst(room)
                line = continued
            }
            line += rest
        }
        lines.append(line)
        return lines
    }
}

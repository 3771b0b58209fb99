/// SVG elements collected in layers, painted bottom to top: bands, lanes, messages, labels,
/// marks on the lanes.
struct SVGCanvas {
    enum Layer: Int, CaseIterable {
        case bands, lanes, messages, labels, marks
    }

    /// Something drawn that a label must keep clear of, as the label placement and the tests
    /// see it.
    struct Shape {
        enum Kind: Equatable {
            /// A message's text; `owner` is its flight.
            case label
            /// A badge, a note on a lane, a cross, a state box or table: anything upright.
            case mark
            /// A piece of a message's arrow; `owner` is its flight.
            case arrow
        }

        let kind: Kind
        let owner: Int?
        let box: SVGGeometry.Box?
        let segment: SVGGeometry.Segment?
        /// The text drawn in the box, for the tests' messages.
        let text: String
    }

    private var layers: [[String]] = Layer.allCases.map { _ in [] }
    /// What is drawn so far, in the order it was reserved.
    private(set) var shapes: [Shape] = []
    /// The indices of ``shapes`` by the horizontal strips of ``stripHeight`` pixels they reach
    /// into, so that a label is checked against what is near it only.
    private var strips: [Int: [Int]] = [:]
    static let stripHeight = 80.0
    /// Texts drawn inside a frame (a state box, a table, a step's gutter), each with its frame,
    /// for the tests that check no text runs out of its frame.
    private(set) var framedTexts: [(text: String, box: SVGGeometry.Box, frame: SVGGeometry.Box)] = []

    /// Adds a one-line text in `frame` and records both.
    mutating func addFramed(_ content: String, x: Double, y: Double, size: Double, mono: Bool, classes: String,
                            frame: SVGGeometry.Box, anchor: String = "start", tooltip: String? = nil, to layer: Layer) {
        add(Self.text(content, x: x, y: y, classes: classes, anchor: anchor, tooltip: tooltip), to: layer)
        let width = Double(content.count) * size * (mono ? Self.monoAdvance : Self.sansAdvance)
        framedTexts.append((content, Self.textBox(width: width, x: x, y: y, size: size, anchor: anchor), frame))
    }

    /// The advance of a character of the sans-serif text font, as a share of its size: above
    /// DejaVu Sans's average over running text, so that a line measured with it fits.
    static let sansAdvance = 0.6

    mutating func add(_ element: String, to layer: Layer) {
        layers[layer.rawValue].append(element)
    }

    /// Marks `box` as covered, so that later labels avoid it.
    mutating func reserve(_ box: SVGGeometry.Box, kind: Shape.Kind = .mark, owner: Int? = nil, text: String = "") {
        let bounds = box.bounds
        add(Shape(kind: kind, owner: owner, box: box, segment: nil, text: text), from: bounds.minY, to: bounds.maxY)
    }

    /// Marks a piece of flight `owner`'s arrow as drawn.
    mutating func reserve(_ segment: SVGGeometry.Segment, owner: Int) {
        add(Shape(kind: .arrow, owner: owner, box: nil, segment: segment, text: ""),
            from: min(segment.from.y, segment.to.y), to: max(segment.from.y, segment.to.y))
    }

    private mutating func add(_ shape: Shape, from minY: Double, to maxY: Double) {
        for strip in Self.strips(from: minY, to: maxY) { strips[strip, default: []].append(shapes.count) }
        shapes.append(shape)
    }

    private static func strips(from minY: Double, to maxY: Double) -> ClosedRange<Int> {
        let first = Int((minY / stripHeight).rounded(.down))
        return first...max(first, Int((maxY / stripHeight).rounded(.down)))
    }

    /// How many shapes drawn so far `box` would overlap, not counting `owner`'s own arrow and
    /// cross.
    func conflicts(_ box: SVGGeometry.Box, owner: Int?) -> Int {
        let bounds = box.bounds
        var nearby = Set<Int>()
        for strip in Self.strips(from: bounds.minY, to: bounds.maxY) { nearby.formUnion(strips[strip] ?? []) }
        return nearby.reduce(0) { count, index in
            let shape = shapes[index]
            if owner != nil, shape.owner == owner { return count }
            if let segment = shape.segment { return count + (box.intersects(segment) ? 1 : 0) }
            return count + (shape.box.map { box.intersects($0) } == true ? 1 : 0)
        }
    }

    /// How many labels and marks drawn so far `segment` passes through, not counting `owner`'s.
    func boxesCrossed(by segment: SVGGeometry.Segment, owner: Int) -> Int {
        var nearby = Set<Int>()
        for strip in Self.strips(from: min(segment.from.y, segment.to.y), to: max(segment.from.y, segment.to.y)) {
            nearby.formUnion(strips[strip] ?? [])
        }
        return nearby.reduce(0) { count, index in
            let shape = shapes[index]
            guard shape.owner != owner, let box = shape.box else { return count }
            return count + (box.intersects(segment) ? 1 : 0)
        }
    }

    /// The advance of one character of the monospaced label font, as a share of its size.
    static let monoAdvance = 0.61

    /// The width of `text` in the monospaced label font at `size` pixels.
    static func monoWidth(_ text: String, size: Double = 10.5) -> Double {
        Double(text.count) * size * monoAdvance
    }

    /// The box of a one-line text of `width` whose baseline starts at (`x`, `y`), for a font
    /// of `size` pixels; `anchor` as in SVG.
    static func textBox(width: Double, x: Double, y: Double, size: Double = 10.5, anchor: String = "start") -> SVGGeometry.Box {
        let left = anchor == "end" ? x - width : anchor == "middle" ? x - width / 2 : x
        return SVGGeometry.Box(minX: left - 1, minY: y - size * 0.8, maxX: left + width + 1, maxY: y + size * 0.25)
    }

    /// Adds a badge (see ``badge(_:x:y:boxClass:tooltip:)``) to the marks and reserves its area.
    mutating func addBadge(_ content: String, x: Double, y: Double, boxClass: String, tooltip: String) {
        add(Self.badge(content, x: x, y: y, boxClass: boxClass, tooltip: tooltip), to: .marks)
        let half = Self.badgeWidth(content) / 2
        reserve(SVGGeometry.Box(minX: x - half, minY: y - 8, maxX: x + half, maxY: y + 8), text: content)
    }

    /// Adds a note in the small monospaced font to `layer` and reserves its area.
    mutating func addNote(_ content: String, x: Double, y: Double, classes: String, tooltip: String? = nil,
                          anchor: String = "start", layer: Layer = .marks, kind: Shape.Kind = .mark, owner: Int? = nil) {
        add(Self.text(content, x: x, y: y, classes: classes, anchor: anchor, tooltip: tooltip), to: layer)
        reserve(Self.textBox(width: Self.monoWidth(content), x: x, y: y, anchor: anchor), kind: kind, owner: owner,
                text: content)
    }

    /// Adds the red cross of flight `owner` to the marks and reserves its area.
    mutating func addCross(x: Double, y: Double, owner: Int) {
        add(Self.cross(x: x, y: y), to: .marks)
        reserve(SVGGeometry.Box(minX: x - 6, minY: y - 6, maxX: x + 6, maxY: y + 6), owner: owner, text: "✗")
    }

    /// Every element, layer by layer, one per line.
    var elements: [String] { layers.flatMap { $0 } }

    /// A text element; `classes` name the style, `anchor` is `start`, `middle` or `end`.
    static func text(_ content: String, x: Double, y: Double, classes: String, anchor: String = "start",
                     tooltip: String? = nil) -> String {
        var body = SVGMarkup.escape(content)
        if let tooltip { body = "<title>\(SVGMarkup.escape(tooltip))</title>" + body }
        var attributes = [("x", SVGMarkup.number(x)), ("y", SVGMarkup.number(y)), ("class", classes)]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        return SVGMarkup.element("text", attributes, content: body)
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, classes: String,
                     extra: [(String, String)] = []) -> String {
        SVGMarkup.element("line", [("x1", SVGMarkup.number(x1)), ("y1", SVGMarkup.number(y1)),
                                   ("x2", SVGMarkup.number(x2)), ("y2", SVGMarkup.number(y2)),
                                   ("class", classes)] + extra)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, classes: String, radius: Double = 0) -> String {
        var attributes = [("x", SVGMarkup.number(x)), ("y", SVGMarkup.number(y)),
                          ("width", SVGMarkup.number(width)), ("height", SVGMarkup.number(height)),
                          ("class", classes)]
        if radius > 0 { attributes.append(("rx", SVGMarkup.number(radius))) }
        return SVGMarkup.element("rect", attributes)
    }

    /// A coloured badge centred on (`x`, `y`) with white text, e.g. a decision.
    static func badge(_ content: String, x: Double, y: Double, boxClass: String, tooltip: String) -> String {
        let width = badgeWidth(content)
        let box = rect(x: x - width / 2, y: y - 8, width: width, height: 16, classes: boxClass, radius: 4)
        let label = text(content, x: x, y: y + 3.8, classes: "badge mono", anchor: "middle")
        return "<g><title>\(SVGMarkup.escape(tooltip))</title>\(box)\(label)</g>"
    }

    static func badgeWidth(_ content: String) -> Double {
        monoWidth(content) + 14
    }

    /// A red cross centred on (`x`, `y`), as one `cross` group.
    static func cross(x: Double, y: Double) -> String {
        let size = 5.0
        return "<g class=\"drop-cross\">"
            + line(x - size, y - size, x + size, y + size, classes: "cross")
            + line(x - size, y + size, x + size, y - size, classes: "cross") + "</g>"
    }
}

/// SVG elements collected in layers, painted bottom to top: bands, lanes, messages, labels,
/// marks on the lanes.
struct SVGCanvas {
    enum Layer: Int, CaseIterable {
        case bands, lanes, messages, labels, marks
    }

    /// An axis-aligned rectangle something drawn covers, for keeping labels apart.
    struct Box: Equatable {
        let minX: Double
        let minY: Double
        let maxX: Double
        let maxY: Double

        init(centreX: Double, centreY: Double, halfWidth: Double, halfHeight: Double) {
            minX = centreX - halfWidth
            maxX = centreX + halfWidth
            minY = centreY - halfHeight
            maxY = centreY + halfHeight
        }

        /// The area this box shares with `other`.
        func overlap(_ other: Box) -> Double {
            max(0, min(maxX, other.maxX) - max(minX, other.minX)) * max(0, min(maxY, other.maxY) - max(minY, other.minY))
        }
    }

    private var layers: [[String]] = Layer.allCases.map { _ in [] }
    private var occupied: [Box] = []

    mutating func add(_ element: String, to layer: Layer) {
        layers[layer.rawValue].append(element)
    }

    /// Marks `box` as covered, so that later labels avoid it.
    mutating func reserve(_ box: Box) {
        occupied.append(box)
    }

    /// How much of `box` is already covered.
    func overlap(_ box: Box) -> Double {
        occupied.reduce(0) { $0 + $1.overlap(box) }
    }

    /// The width of `text` in the monospaced label font at `size` pixels.
    static func monoWidth(_ text: String, size: Double = 10.5) -> Double {
        Double(text.count) * size * 0.61
    }

    /// Adds a badge (see ``badge(_:x:y:boxClass:tooltip:)``) to the marks and reserves its area.
    mutating func addBadge(_ content: String, x: Double, y: Double, boxClass: String, tooltip: String) {
        add(Self.badge(content, x: x, y: y, boxClass: boxClass, tooltip: tooltip), to: .marks)
        reserve(Box(centreX: x, centreY: y, halfWidth: Self.badgeWidth(content) / 2, halfHeight: 8))
    }

    /// Adds a start-anchored note in a small font to `layer` and reserves its area.
    mutating func addNote(_ content: String, x: Double, y: Double, classes: String, tooltip: String? = nil,
                          anchor: String = "start", layer: Layer = .marks) {
        add(Self.text(content, x: x, y: y, classes: classes, anchor: anchor, tooltip: tooltip), to: layer)
        let width = Self.monoWidth(content)
        let centreX = anchor == "end" ? x - width / 2 : anchor == "middle" ? x : x + width / 2
        reserve(Box(centreX: centreX, centreY: y - 3.5, halfWidth: width / 2, halfHeight: 6))
    }

    /// Adds a red cross to the marks and reserves its area.
    mutating func addCross(x: Double, y: Double) {
        add(Self.cross(x: x, y: y), to: .marks)
        reserve(Box(centreX: x, centreY: y, halfWidth: 6, halfHeight: 6))
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

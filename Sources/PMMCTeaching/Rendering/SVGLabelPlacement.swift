/// Places the messages' labels once every arrow, mark and state box is drawn: each label goes
/// to the first of its candidate places that overlaps nothing drawn (other labels, other
/// messages' arrows, badges, notes, crosses, state boxes) and stays inside the lanes' area, or
/// else where it overlaps least.
struct SVGLabelPlacement {
    typealias Point = SVGGeometry.Point

    /// A message still in flight: a dashed arrow from its send part of the way toward its
    /// receiver's lane, whose length and slope are chosen with its label.
    struct Stub {
        let start: Point
        /// The x of the receiver's lane.
        let destinationX: Double
    }

    /// A label waiting for its place.
    enum Pending {
        /// Along the straight arrow from the first point to the second, turned to run with it.
        case along(Point, Point, text: String, classes: String, tooltip: String, owner: Int)
        /// Upright, starting at the point (a loop's label), or near it, or left of the lane at
        /// `laneX`.
        case beside(Point, laneX: Double, text: String, classes: String, tooltip: String, owner: Int)
        /// Along or just past an in-flight stub, whose length and slope are chosen with it.
        case stub(Stub, text: String, classes: String, tooltip: String, owner: Int)
    }

    /// Where along an arrow its label may sit, tried in this order at each of ``baselines``.
    static let fractions = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75, 0.16, 0.84]
    /// Where the label's baseline may be: just above the arrow, just below it, then a line
    /// further away on either side.
    static let baselines: [Double] = [-4, 12, -15, 23, -26, 34]
    /// How far an upright label may move up or down from where it would go (and it may move
    /// right by 50 or 100 px).
    static let offsets: [Double] = [0, -13, 13, -26, 26, -39, 39]
    /// The tips an in-flight stub may end at: the share of the way to the receiver's lane,
    /// and how far below its send.
    static let stubTips: [(Double, Double)] = [
        (0.6, 14), (0.6, 30), (0.45, 6), (0.8, 22), (0.45, 44), (0.8, 50), (0.3, 60), (0.9, 8), (0.3, 24), (0.6, 70),
        (0.25, 10), (0.2, 36), (0.35, 80), (0.9, 40),
    ]

    /// The room a label keeps around its text, in pixels, so that a line passing by does not
    /// touch its letters.
    static let clearance = 1.5

    /// The leftmost and rightmost x a label may reach.
    let minX: Double
    let maxX: Double

    /// Places `pending`'s label on `canvas`; returns how many shapes it overlaps (0 when a
    /// clear place was found).
    func place(_ pending: Pending, on canvas: inout SVGCanvas) -> Int {
        switch pending {
        case .along(let start, let end, let text, let classes, let tooltip, let owner):
            return placeAlong(start, end, text: text, classes: classes, tooltip: tooltip, owner: owner, on: &canvas)
        case .beside(let point, let laneX, let text, let classes, let tooltip, let owner):
            // Right of the loop, a little further right, or left of the lane.
            let right = [0.0, 50, 100].flatMap { dx in Self.offsets.map { (Point(x: point.x + dx, y: point.y + $0), "start") } }
            let left = Self.offsets.map { (Point(x: laneX - 8, y: point.y + $0), "end") }
            let candidates = right + left
            let boxes = candidates.map { SVGCanvas.textBox(width: SVGCanvas.monoWidth(text), x: $0.0.x, y: $0.0.y, anchor: $0.1) }
            let best = choose(boxes, owner: owner, canvas: canvas)
            let conflicts = conflicts(boxes[best], owner: owner, canvas: canvas)
            canvas.addNote(text, x: candidates[best].0.x, y: candidates[best].0.y, classes: classes, tooltip: tooltip,
                           anchor: candidates[best].1, layer: .labels, kind: .label, owner: owner)
            return conflicts
        case .stub(let stub, let text, let classes, let tooltip, let owner):
            return placeStub(stub, text: text, classes: classes, tooltip: tooltip, owner: owner, on: &canvas)
        }
    }

    /// A place for a label along an arrow: its box, and the transform and baseline that draw it.
    private struct Place {
        let box: SVGGeometry.Box
        let anchor: Point
        let cos: Double
        let sin: Double
        let baseline: Double
    }

    /// The places along the arrow from `start` to `end` a label may take: at each of
    /// ``baselines`` and ``fractions``, turned to run with the arrow and always reading left
    /// to right; then the same places upright.
    private func places(along start: Point, _ end: Point, text: String) -> [Place] {
        let dx = end.x - start.x
        let dy = end.y - start.y
        let length = (dx * dx + dy * dy).squareRoot()
        var cos = length > 0 ? dx / length : 1
        var sin = length > 0 ? dy / length : 0
        if cos < 0 {
            cos = -cos
            sin = -sin
        }
        let halfLength = SVGCanvas.monoWidth(text) / 2
        func place(_ fraction: Double, _ baseline: Double, cos: Double, sin: Double) -> Place {
            let centreOffset = baseline - 10.5 * 0.275
            let anchor = Point(x: start.x + dx * fraction, y: start.y + dy * fraction)
            let box = SVGGeometry.Box(centre: Point(x: anchor.x - centreOffset * sin, y: anchor.y + centreOffset * cos),
                                      halfWidth: halfLength + Self.clearance, halfHeight: 10.5 * 0.525 + Self.clearance,
                                      cos: cos, sin: sin)
            return Place(box: box, anchor: anchor, cos: cos, sin: sin, baseline: baseline)
        }
        let turned = Self.baselines.flatMap { baseline in Self.fractions.map { place($0, baseline, cos: cos, sin: sin) } }
        // Last, upright across a steep arrow, for when no place along it is clear.
        let upright = Self.baselines.flatMap { baseline in Self.fractions.map { place($0, baseline, cos: 1, sin: 0) } }
        return turned + (sin == 0 ? [] : upright)
    }

    private func placeAlong(_ start: Point, _ end: Point, text: String, classes: String, tooltip: String, owner: Int,
                            on canvas: inout SVGCanvas) -> Int {
        let candidates = places(along: start, end, text: text)
        let best = choose(candidates.map(\.box), owner: owner, canvas: canvas)
        let conflicts = conflicts(candidates[best].box, owner: owner, canvas: canvas)
        add(candidates[best], text: text, classes: classes, tooltip: tooltip, owner: owner, on: &canvas)
        return conflicts
    }

    /// The place just past an in-flight stub's tip, upright, reading away from the sender.
    private func after(_ tip: Point, stub: Stub, text: String) -> Place {
        let width = SVGCanvas.monoWidth(text)
        let direction: Double = stub.destinationX >= stub.start.x ? 1 : -1
        let centre = Point(x: tip.x + direction * (6 + width / 2), y: tip.y + 4 - 10.5 * 0.275)
        return Place(box: SVGGeometry.Box(centre: centre, halfWidth: width / 2 + Self.clearance,
                                          halfHeight: 10.5 * 0.525 + Self.clearance),
                     anchor: Point(x: centre.x, y: tip.y + 4), cos: 1, sin: 0, baseline: 0)
    }

    /// Draws the label at `place` and reserves its box.
    private func add(_ place: Place, text: String, classes: String, tooltip: String, owner: Int,
                     on canvas: inout SVGCanvas) {
        canvas.reserve(place.box, kind: .label, owner: owner, text: text)
        let matrix = "matrix(\(f(place.cos)) \(f(place.sin)) \(f(-place.sin)) \(f(place.cos)) "
            + "\(SVGMarkup.number(place.anchor.x)) \(SVGMarkup.number(place.anchor.y)))"
        canvas.add(SVGMarkup.element("text", [("transform", matrix), ("y", SVGMarkup.number(place.baseline)),
                                              ("class", classes), ("text-anchor", "middle")],
                                     content: "<title>\(SVGMarkup.escape(tooltip))</title>" + SVGMarkup.escape(text)),
                   to: .labels)
    }

    private func placeStub(_ stub: Stub, text: String, classes: String, tooltip: String, owner: Int,
                           on canvas: inout SVGCanvas) -> Int {
        let reach = stub.destinationX - stub.start.x
        let tips = Self.stubTips.map { Point(x: stub.start.x + reach * $0.0, y: stub.start.y + $0.1) }
        var best: (tip: Point, place: Place)?
        var fewest = Int.max
        search: for tip in tips {
            let segment = SVGGeometry.Segment(from: stub.start, to: tip)
            let crossed = canvas.boxesCrossed(by: segment, owner: owner)
            for place in places(along: stub.start, tip, text: text) + [after(tip, stub: stub, text: text)] {
                let count = crossed + conflicts(place.box, owner: owner, canvas: canvas)
                if count < fewest {
                    best = (tip, place)
                    fewest = count
                }
                if count == 0 { break search }
            }
        }
        guard let (tip, place) = best else { return 0 }
        canvas.add(Self.path([stub.start, tip], classes: "msg pending", marker: "arrow-open", tooltip: tooltip),
                   to: .messages)
        canvas.reserve(SVGGeometry.Segment(from: stub.start, to: tip), owner: owner)
        add(place, text: text, classes: classes, tooltip: tooltip, owner: owner, on: &canvas)
        return fewest
    }

    /// The index of the first box that conflicts with nothing, or else of the one with fewest.
    private func choose(_ boxes: [SVGGeometry.Box], owner: Int, canvas: SVGCanvas) -> Int {
        var best = 0
        var fewest = Int.max
        for (index, box) in boxes.enumerated() {
            let count = conflicts(box, owner: owner, canvas: canvas)
            if count < fewest {
                best = index
                fewest = count
            }
            if count == 0 { break }
        }
        return best
    }

    /// What `box` overlaps, counting leaving the lanes' area as much as overlapping.
    private func conflicts(_ box: SVGGeometry.Box, owner: Int, canvas: SVGCanvas) -> Int {
        let bounds = box.bounds
        let outside = bounds.minX < minX || bounds.maxX > maxX ? 100 : 0
        return outside + canvas.conflicts(box, owner: owner)
    }

    static func path(_ points: [Point], classes: String, marker: String?, tooltip: String) -> String {
        let d = points.enumerated().map {
            ($0.offset == 0 ? "M" : "L") + "\(SVGMarkup.number($0.element.x)),\(SVGMarkup.number($0.element.y))"
        }
        return curve(d.joined(separator: " "), classes: classes, marker: marker, tooltip: tooltip)
    }

    static func curve(_ d: String, classes: String, marker: String?, tooltip: String) -> String {
        var attributes = [("d", d), ("class", classes)]
        if let marker { attributes.append(("marker-end", "url(#\(marker))")) }
        return SVGMarkup.element("path", attributes, content: "<title>\(SVGMarkup.escape(tooltip))</title>")
    }

    /// A direction cosine with three decimals, for a rotation matrix.
    private func f(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let fraction = String(magnitude % 1000)
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

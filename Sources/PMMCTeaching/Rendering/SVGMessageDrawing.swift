import PMMC

/// Draws one ``MessageFlight`` of a part: an arrow between lanes, a loop on a lane for a
/// message between a leader and its own children, a red cross for a drop, a dashed stub for a
/// message still in flight. Its text is placed afterwards (``SVGLabelPlacement``), once every
/// arrow is drawn, so that no label sits on another message's arrow.
struct SVGMessageDrawing {
    let layout: SVGLayout
    /// Where an outcome's inherited messages start.
    let partTop: Double
    /// How many flights of the part started before it already, so that their starts are
    /// staggered rather than drawn on top of each other.
    let inheritedIndex: Int
    /// The number that ties the arrow's pieces and its label together.
    let owner: Int
    /// "OK!" or "Nope!" when the message is an acceptor's reply.
    let verdict: ReplyVerdict?

    /// The longest label drawn before it is cut with `…` (the full text is the tooltip).
    static let labelLimit = 64
    /// The length of a dashed lead-in for a message sent before the part.
    static let leadIn = 26.0
    /// How close to another lane's line a cross may be drawn.
    static let crossClearance = 14.0

    typealias Point = SVGGeometry.Point

    /// Draws the arrow of `flight` and returns its label, still to be placed.
    func draw(_ flight: MessageFlight, on canvas: inout SVGCanvas) -> SVGLabelPlacement.Pending {
        let startX = layout.x(flight.source)
        let endX = layout.x(flight.destination)
        let endY: Double?
        var style = "msg"
        var suffix = flight.isCopy ? " (copy)" : ""
        switch flight.end {
        case .delivered(let position, let ignored):
            endY = layout.y(position)
            if ignored {
                style += " ignored"
                suffix += " (ignored)"
            }
        case .dropped(let position, let reason):
            endY = layout.y(position)
            style += " dropped"
            suffix += " (\(reason?.rawValue ?? "dropped"))"
        case .inFlight:
            endY = nil
        }
        // The verdict belongs to the message: `p1b(0.0, []) OK! (loss)`.
        let message = flight.message + (verdict.map { " " + $0.rawValue } ?? "")
        let startY: Double
        let hasLeadIn: Bool
        switch flight.start {
        case .sent(let position):
            startY = layout.y(position)
            hasLeadIn = false
        case .inherited:
            startY = partTop + 4 + Double(inheritedIndex) * 7
            hasLeadIn = true
        case .unknown:
            startY = max(partTop + 4 + Double(inheritedIndex) * 7, (endY ?? partTop) - 34)
            hasLeadIn = true
        }
        let tooltip = "\(flight.source) → \(flight.destination): \(message)\(suffix)"
        let start = Point(x: startX, y: startY)
        let labelClass = "label mono" + (style == "msg" ? "" : " " + style.dropFirst(4))
        if flight.source.host == flight.destination.host {
            let text = SVGMarkup.truncate(message + suffix, to: Self.labelLimit)
            return drawLoop(from: start, to: endY, flight: flight, style: style, hasLeadIn: hasLeadIn,
                            text: text, labelClass: labelClass, tooltip: tooltip, on: &canvas)
        }
        let direction: Double = endX >= startX ? 1 : -1
        guard let endY else {
            let text = SVGMarkup.truncate("\(message + suffix) → \(flight.destination)", to: Self.labelLimit)
            return .stub(SVGLabelPlacement.Stub(start: start, destinationX: endX), text: text,
                         classes: "label mono pending", tooltip: tooltip, owner: owner)
        }
        let end: Point
        var marker: String?
        if case .dropped(_, let reason) = flight.end {
            let atReceiver = reason == .crashed || reason == .exited
            end = atReceiver ? Point(x: endX - direction * 10, y: endY)
                : crossPoint(from: start, to: Point(x: endX, y: endY), canvas: canvas)
            canvas.addCross(x: end.x, y: end.y, owner: owner)
        } else {
            end = Point(x: endX - direction * 2, y: endY)
            marker = style.contains("ignored") ? "arrow-ignored" : "arrow"
        }
        if hasLeadIn {
            let lead = along(start, end, distance: Self.leadIn)
            canvas.add(path([start, lead], classes: style + " lead", marker: nil, tooltip: tooltip), to: .messages)
            canvas.add(path([lead, end], classes: style, marker: marker, tooltip: tooltip), to: .messages)
        } else {
            canvas.add(path([start, end], classes: style, marker: marker, tooltip: tooltip), to: .messages)
        }
        canvas.reserve(SVGGeometry.Segment(from: start, to: end), owner: owner)
        let text = SVGMarkup.truncate(message + suffix, to: Self.labelLimit)
        return .along(start, end, text: text, classes: labelClass, tooltip: tooltip, owner: owner)
    }

    /// Where a message lost in flight ends: part of the way to the receiver, at the first of
    /// a few points that is clear of every lane's line and of what is drawn.
    private func crossPoint(from start: Point, to end: Point, canvas: SVGCanvas) -> Point {
        let fractions = [0.5, 0.6, 0.4, 0.7, 0.3, 0.8, 0.2, 0.65, 0.35, 0.75, 0.25]
        let laneXs = layout.lanes.map(layout.x)
        let points = fractions.map { Point(x: start.x + (end.x - start.x) * $0, y: start.y + (end.y - start.y) * $0) }
        let clear = points.first { point in
            laneXs.allSatisfy { abs($0 - point.x) >= Self.crossClearance }
                && canvas.conflicts(SVGGeometry.Box(minX: point.x - 6, minY: point.y - 6, maxX: point.x + 6, maxY: point.y + 6),
                                    owner: owner) == 0
        }
        return clear ?? points.first { point in laneXs.allSatisfy { abs($0 - point.x) >= Self.crossClearance } } ?? points[0]
    }

    /// A loop on the lane, bulging right, from the send down to the delivery or drop; a short
    /// dashed hook when the message is still in flight.
    private func drawLoop(from start: Point, to endY: Double?, flight: MessageFlight, style: String, hasLeadIn: Bool,
                          text: String, labelClass: String, tooltip: String,
                          on canvas: inout SVGCanvas) -> SVGLabelPlacement.Pending {
        let x = start.x
        let bulge = 34.0
        guard let endY else {
            let d = "M\(n(x)),\(n(start.y)) C\(n(x + bulge)),\(n(start.y)) \(n(x + bulge)),\(n(start.y + 10)) "
                + "\(n(x + bulge)),\(n(start.y + 14))"
            canvas.add(curve(d, classes: "msg pending", marker: "arrow-open", tooltip: tooltip), to: .messages)
            reserve([start, Point(x: x + bulge * 0.8, y: start.y + 2), Point(x: x + bulge, y: start.y + 14)], on: &canvas)
            return .beside(Point(x: x + bulge + 6, y: start.y + 12), laneX: x, text: text, classes: "label mono pending",
                           tooltip: tooltip, owner: owner)
        }
        let bottom = max(endY, start.y + 8)
        let classes = hasLeadIn ? style + " lead" : style
        if case .dropped = flight.end {
            let apex = Point(x: x + bulge * 0.75, y: (start.y + bottom) / 2)
            let d = "M\(n(x)),\(n(start.y)) C\(n(x + bulge)),\(n(start.y)) \(n(apex.x)),\(n(apex.y)) \(n(apex.x)),\(n(apex.y))"
            canvas.add(curve(d, classes: classes, marker: nil, tooltip: tooltip), to: .messages)
            reserve([start, Point(x: x + bulge * 0.7, y: start.y + 2), apex], on: &canvas)
            canvas.addCross(x: apex.x, y: apex.y, owner: owner)
        } else {
            let marker = style.contains("ignored") ? "arrow-ignored" : "arrow"
            let d = "M\(n(x)),\(n(start.y)) C\(n(x + bulge)),\(n(start.y)) \(n(x + bulge)),\(n(bottom)) \(n(x + 3)),\(n(bottom))"
            canvas.add(curve(d, classes: classes, marker: marker, tooltip: tooltip), to: .messages)
            let middle = (start.y + bottom) / 2
            reserve([start, Point(x: x + bulge * 0.7, y: start.y + (bottom - start.y) * 0.15),
                     Point(x: x + bulge * 0.75, y: middle),
                     Point(x: x + bulge * 0.7, y: bottom - (bottom - start.y) * 0.15), Point(x: x + 3, y: bottom)],
                    on: &canvas)
        }
        return .beside(Point(x: x + bulge + 4, y: (start.y + bottom) / 2 + 3.5), laneX: x, text: text, classes: labelClass,
                       tooltip: tooltip, owner: owner)
    }

    /// Reserves the polyline through `points`, an outline of a curve.
    private func reserve(_ points: [Point], on canvas: inout SVGCanvas) {
        for (from, to) in zip(points, points.dropFirst()) {
            canvas.reserve(SVGGeometry.Segment(from: from, to: to), owner: owner)
        }
    }

    /// The point `distance` along the line from `start` to `end` (or `end`, if nearer).
    private func along(_ start: Point, _ end: Point, distance: Double) -> Point {
        let dx = end.x - start.x
        let dy = end.y - start.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > distance else { return end }
        return Point(x: start.x + dx * distance / length, y: start.y + dy * distance / length)
    }

    private func path(_ points: [Point], classes: String, marker: String?, tooltip: String) -> String {
        SVGLabelPlacement.path(points, classes: classes, marker: marker, tooltip: tooltip)
    }

    private func curve(_ d: String, classes: String, marker: String?, tooltip: String) -> String {
        SVGLabelPlacement.curve(d, classes: classes, marker: marker, tooltip: tooltip)
    }

    private func n(_ value: Double) -> String { SVGMarkup.number(value) }
}

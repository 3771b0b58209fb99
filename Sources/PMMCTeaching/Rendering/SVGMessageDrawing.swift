import PMMC

/// Draws one ``MessageFlight`` of a part: an arrow between lanes, a loop on a lane for a
/// message between a leader and its own children, a red cross for a drop, a dashed stub for a
/// message still in flight, with the message's text along it.
struct SVGMessageDrawing {
    let layout: SVGLayout
    /// Where an outcome's inherited messages start.
    let partTop: Double
    /// How many flights of the part started before it already, so that their starts are
    /// staggered rather than drawn on top of each other.
    let inheritedIndex: Int

    /// The longest label drawn before it is cut with `…`.
    static let labelLimit = 34
    /// Where along an arrow its label may sit, tried in this order until one is clear of the
    /// labels and marks drawn before it.
    static let labelFractions = [0.5, 0.36, 0.64, 0.24, 0.76, 0.14, 0.86]
    /// The length of a dashed lead-in for a message sent before the part.
    static let leadIn = 26.0

    private struct Point {
        let x: Double
        let y: Double
    }

    func draw(_ flight: MessageFlight, on canvas: inout SVGCanvas) {
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
        let label = SVGMarkup.truncate(flight.message + suffix, to: Self.labelLimit)
        let tooltip = "\(flight.source) → \(flight.destination): \(flight.message)\(suffix)"
        let start = Point(x: startX, y: startY)
        let labelClass = "label mono" + (style == "msg" ? "" : " " + style.dropFirst(4))
        if flight.source.host == flight.destination.host {
            drawLoop(from: start, to: endY, flight: flight, style: style, hasLeadIn: hasLeadIn,
                     label: label, labelClass: labelClass, tooltip: tooltip, on: &canvas)
            return
        }
        let direction: Double = endX >= startX ? 1 : -1
        guard let endY else {
            let tip = Point(x: startX + direction * 70, y: startY + 12)
            canvas.add(path([start, tip], classes: "msg pending", marker: "arrow-open", tooltip: tooltip), to: .messages)
            canvas.addNote(SVGMarkup.truncate("\(flight.message) → \(flight.destination)", to: Self.labelLimit),
                           x: tip.x + direction * 5, y: tip.y + 4, classes: "label mono pending", tooltip: tooltip,
                           anchor: direction > 0 ? "start" : "end", layer: .labels)
            return
        }
        let end: Point
        var marker: String?
        if case .dropped(_, let reason) = flight.end {
            let atReceiver = reason == .crashed || reason == .exited
            end = Point(x: atReceiver ? endX - direction * 10 : (startX + endX) / 2, y: endY)
            canvas.addCross(x: end.x, y: end.y)
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
        placeLabel(along: start, end, text: label, classes: labelClass, tooltip: tooltip, on: &canvas)
    }

    /// A loop on the lane, bulging right, from the send down to the delivery or drop; a short
    /// dashed hook when the message is still in flight.
    private func drawLoop(from start: Point, to endY: Double?, flight: MessageFlight, style: String, hasLeadIn: Bool,
                          label: String, labelClass: String, tooltip: String, on canvas: inout SVGCanvas) {
        let x = start.x
        let bulge = 34.0
        guard let endY else {
            let d = "M\(n(x)),\(n(start.y)) C\(n(x + bulge)),\(n(start.y)) \(n(x + bulge)),\(n(start.y + 10)) "
                + "\(n(x + bulge)),\(n(start.y + 14))"
            canvas.add(curve(d, classes: "msg pending", marker: "arrow-open", tooltip: tooltip), to: .messages)
            canvas.addNote(label, x: x + bulge + 6, y: start.y + 12, classes: "label mono pending", tooltip: tooltip,
                           layer: .labels)
            return
        }
        let bottom = max(endY, start.y + 8)
        let classes = hasLeadIn ? style + " lead" : style
        if case .dropped = flight.end {
            let apex = Point(x: x + bulge * 0.75, y: (start.y + bottom) / 2)
            let d = "M\(n(x)),\(n(start.y)) C\(n(x + bulge)),\(n(start.y)) \(n(apex.x)),\(n(apex.y)) \(n(apex.x)),\(n(apex.y))"
            canvas.add(curve(d, classes: classes, marker: nil, tooltip: tooltip), to: .messages)
            canvas.addCross(x: apex.x, y: apex.y)
        } else {
            let marker = style.contains("ignored") ? "arrow-ignored" : "arrow"
            let d = "M\(n(x)),\(n(start.y)) C\(n(x + bulge)),\(n(start.y)) \(n(x + bulge)),\(n(bottom)) \(n(x + 3)),\(n(bottom))"
            canvas.add(curve(d, classes: classes, marker: marker, tooltip: tooltip), to: .messages)
        }
        canvas.addNote(label, x: x + bulge + 4, y: (start.y + bottom) / 2 + 3.5, classes: labelClass, tooltip: tooltip,
                       layer: .labels)
    }

    /// The label above the line from `start` to `end`, turned to run along it and always
    /// reading left to right, at the first of ``labelFractions`` where it is clear of what is
    /// already drawn (or where it overlaps least).
    private func placeLabel(along start: Point, _ end: Point, text: String, classes: String, tooltip: String,
                            on canvas: inout SVGCanvas) {
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
        func box(at fraction: Double) -> SVGCanvas.Box {
            SVGCanvas.Box(centreX: start.x + dx * fraction + 7 * sin, centreY: start.y + dy * fraction - 7 * cos,
                          halfWidth: halfLength * abs(cos) + 5 * abs(sin), halfHeight: halfLength * abs(sin) + 5 * abs(cos))
        }
        var best = Self.labelFractions[0]
        var bestOverlap = Double.infinity
        for fraction in Self.labelFractions {
            let overlap = canvas.overlap(box(at: fraction))
            if overlap < bestOverlap {
                best = fraction
                bestOverlap = overlap
            }
            if overlap == 0 { break }
        }
        canvas.reserve(box(at: best))
        let matrix = "matrix(\(f(cos)) \(f(sin)) \(f(-sin)) \(f(cos)) \(n(start.x + dx * best)) \(n(start.y + dy * best)))"
        canvas.add(SVGMarkup.element("text", [("transform", matrix), ("y", "-4"), ("class", classes), ("text-anchor", "middle")],
                                     content: "<title>\(SVGMarkup.escape(tooltip))</title>" + SVGMarkup.escape(text)),
                   to: .labels)
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
        let d = points.enumerated().map { ($0.offset == 0 ? "M" : "L") + "\(n($0.element.x)),\(n($0.element.y))" }
        return curve(d.joined(separator: " "), classes: classes, marker: marker, tooltip: tooltip)
    }

    private func curve(_ d: String, classes: String, marker: String?, tooltip: String) -> String {
        var attributes = [("d", d), ("class", classes)]
        if let marker { attributes.append(("marker-end", "url(#\(marker))")) }
        return SVGMarkup.element("path", attributes, content: "<title>\(SVGMarkup.escape(tooltip))</title>")
    }

    private func n(_ value: Double) -> String { SVGMarkup.number(value) }

    /// A direction cosine with three decimals, for a rotation matrix.
    private func f(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let fraction = String(magnitude % 1000)
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

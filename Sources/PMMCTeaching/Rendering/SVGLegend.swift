import PMMCSimulation

/// The key to the diagram's notation, under the title: only the symbols the diagram uses,
/// in rows as wide as the diagram.
struct SVGLegend {
    enum Item: CaseIterable {
        case message, ignored, dropped, inFlight, leadIn, crash, down, restart, decision

        var label: String {
            switch self {
            case .message: "message"
            case .ignored: "ignored by the receiver"
            case .dropped: "dropped"
            case .inFlight: "still in flight"
            case .leadIn: "sent earlier"
            case .crash: "crash"
            case .down: "process down"
            case .restart: "restart"
            case .decision: "decision"
            }
        }
    }

    static let rowHeight = 20.0
    static let sampleWidth = 30.0

    let elements: [String]
    /// The y below the last row.
    let bottom: Double

    init(_ transcript: Transcript, flow: MessageFlow, y top: Double, width: Double) {
        let items = Self.items(transcript, flow: flow)
        var elements: [String] = []
        var x = SVGLayout.margin
        var y = top
        for item in items {
            let itemWidth = Self.sampleWidth + 10 + Double(item.label.count) * 6.3 + 22
            if x > SVGLayout.margin, x + itemWidth > SVGLayout.margin + width {
                x = SVGLayout.margin
                y += Self.rowHeight
            }
            elements.append(Self.sample(item, x: x, y: y))
            elements.append(SVGCanvas.text(item.label, x: x + Self.sampleWidth + 10, y: y + 4, classes: "legend"))
            x += itemWidth
        }
        self.elements = elements
        bottom = y + 8
    }

    /// The items the transcript needs, in a fixed order.
    static func items(_ transcript: Transcript, flow: MessageFlow) -> [Item] {
        let events = transcript.parts.flatMap(\.steps).flatMap(\.events)
        let flights = flow.flights.flatMap { $0 }
        return Item.allCases.filter { item in
            switch item {
            case .message: true
            case .ignored: events.contains { $0.kind == .deliver && $0.ignored }
            case .dropped: events.contains { $0.kind == .drop }
            case .inFlight: flights.contains { $0.end == .inFlight }
            case .leadIn: flights.contains { $0.start == .inherited || $0.start == .unknown }
            case .crash, .down: events.contains { $0.kind == .crash }
            case .restart: events.contains { $0.kind == .restart }
            case .decision: events.contains { $0.kind == .decide }
            }
        }
    }

    private static func sample(_ item: Item, x: Double, y: Double) -> String {
        let end = x + sampleWidth
        switch item {
        case .message:
            return SVGCanvas.line(x, y, end, y, classes: "msg", extra: [("marker-end", "url(#arrow)")])
        case .ignored:
            return SVGCanvas.line(x, y, end, y, classes: "msg ignored", extra: [("marker-end", "url(#arrow-ignored)")])
        case .dropped:
            return SVGCanvas.line(x, y, end - 6, y, classes: "msg dropped")
                + SVGCanvas.line(end - 5, y - 5, end + 5, y + 5, classes: "cross")
                + SVGCanvas.line(end - 5, y + 5, end + 5, y - 5, classes: "cross")
        case .inFlight:
            return SVGCanvas.line(x, y, end, y, classes: "msg pending", extra: [("marker-end", "url(#arrow-open)")])
        case .leadIn:
            return SVGCanvas.line(x, y, x + 12, y, classes: "msg sample-lead")
                + SVGCanvas.line(x + 12, y, end, y, classes: "msg", extra: [("marker-end", "url(#arrow)")])
        case .crash:
            return SVGCanvas.rect(x: x, y: y - 7, width: sampleWidth, height: 14, classes: "crash-box", radius: 3)
        case .down:
            return SVGCanvas.line(x + sampleWidth / 2, y - 8, x + sampleWidth / 2, y + 8, classes: "down")
        case .restart:
            return SVGCanvas.rect(x: x, y: y - 7, width: sampleWidth, height: 14, classes: "restart-box", radius: 3)
        case .decision:
            return SVGCanvas.rect(x: x, y: y - 7, width: sampleWidth, height: 14, classes: "decision-box", radius: 3)
        }
    }
}

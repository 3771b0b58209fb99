import PMMC
import PMMCSimulation

/// Draws a ``Transcript`` as a space-time diagram: a standalone SVG image, built by hand.
///
/// Each lane is a vertical line labelled with the process and its role; scouts and commanders
/// are drawn on their leader's line. Time runs down: every step is a band, numbered and
/// narrated in the left gutter, and every event in a step gets a row of its own so that a
/// reply sits just below the delivery that caused it. A message is an arrow from its send to
/// its delivery, labelled in the slides' notation; an ignored one is grey and dashed; a
/// dropped one ends in a red cross (half-way when lost in flight, at the receiver when it was
/// down); one still in flight at the end of a part is a short dashed stub. Messages between a
/// leader and its own children are loops on the leader's line. Crashes are red boxes after
/// which the lane is dashed grey until a restart, decisions green badges on the replica's
/// line. Each step's changed states are boxes on their lanes below its events, each changed
/// field marked `old → new`; an acceptor's reply is labelled OK! or Nope! (``ReplyVerdict``);
/// the labels are placed clear of each other and of other arrows (``SVGLabelPlacement``). A
/// fork's outcomes are stacked one below the other, each starting from the fork's
/// state: a message sent before the fork starts at the top of the outcome with a dashed
/// lead-in. Pairing sends with deliveries is described at ``MessageFlow``.
///
/// The output depends only on the transcript: numbers are written with at most one decimal.
public struct SVGRenderer: Sendable {
    public init() {}

    /// The SVG document, ending with a newline.
    public func render(_ transcript: Transcript) -> String {
        drawing(transcript, detail: .changes).document
    }

    /// A drawing: the document and what it covers, for the tests and the size checks.
    struct Drawing {
        let document: String
        let canvas: SVGCanvas
        let layout: SVGLayout
        let width: Double
        let height: Double
    }

    /// How many times a drawing is made at most: each time again, the steps whose labels found
    /// no clear place are spread further apart. A long story, drawn compactly, is drawn once.
    static let stretchAttempts = 4

    /// Draws `transcript`, its state boxes showing `detail`, its lanes narrowed to fit
    /// `maximumWidth` if there is one, at least `minimumWidth` wide.
    func drawing(_ transcript: Transcript, detail: SVGStateBoxes.Detail, maximumWidth: Double? = nil,
                 minimumWidth: Double = 0) -> Drawing {
        let flow = MessageFlow(transcript)
        let laneCount = transcript.drawnLanes.count
        let legend = SVGLegend(transcript, flow: flow, y: 60,
                               width: SVGLayout.width(laneCount: laneCount, maximumWidth: maximumWidth) - 2 * SVGLayout.margin)
        let verdicts = ReplyVerdict.verdicts(transcript)
        let firstSteps = transcript.parts.indices.map { index in transcript.parts[..<index].reduce(0) { $0 + $1.steps.count } }
        let leavingInFlight = Self.stepsLeavingMessagesInFlight(flow, firstSteps: firstSteps)
        var stretch: [Int: Double] = [:]
        var attempt = 0
        while true {
            let layout = SVGLayout(transcript, laneHeaderTop: legend.bottom + 16, detail: detail, maximumWidth: maximumWidth,
                                   minimumWidth: minimumWidth, leavesInFlight: leavingInFlight, stretch: stretch)
            var canvas = SVGCanvas()
            let crowded = draw(transcript, flow: flow, verdicts: verdicts, layout: layout, on: &canvas)
                .flatMap { Self.steps(of: $0, firstSteps: firstSteps) }
            attempt += 1
            // A long story drawn flat is for looking up, not for teaching: it is drawn once.
            let attempts = layout.metrics.isCompact ? 1 : Self.stretchAttempts
            guard !crowded.isEmpty, attempt < attempts else {
                return document(transcript, legend: legend, layout: layout, canvas: canvas)
            }
            for step in Set(crowded) { stretch[step] = (stretch[step] ?? 1) + 0.5 }
        }
    }

    /// Draws everything but the title, legend and checks; returns the flights whose labels
    /// found no clear place.
    private func draw(_ transcript: Transcript, flow: MessageFlow, verdicts: [EventPosition: ReplyVerdict],
                      layout: SVGLayout, on canvas: inout SVGCanvas) -> [MessageFlight] {
        drawBands(transcript, layout, on: &canvas)
        drawLanes(transcript, layout, on: &canvas)
        drawMarks(transcript, layout, on: &canvas)
        var stubs: [(label: SVGLabelPlacement.Pending, flight: MessageFlight)] = []
        var others: [(label: SVGLabelPlacement.Pending, flight: MessageFlight)] = []
        var owner = 0
        for (part, flights) in flow.flights.enumerated() where layout.parts.indices.contains(part) {
            var inherited = 0
            for flight in flights {
                owner += 1
                let drawing = SVGMessageDrawing(layout: layout, partTop: layout.parts[part].bodyTop,
                                                inheritedIndex: inherited, owner: owner,
                                                verdict: flight.sentAt.flatMap { verdicts[$0] })
                let label = drawing.draw(flight, on: &canvas)
                if case .stub = label { stubs.append((label, flight)) } else { others.append((label, flight)) }
                if case .sent = flight.start { continue }
                inherited += 1
            }
        }
        let placement = SVGLabelPlacement(minX: SVGLayout.margin + SVGLayout.gutter + 2,
                                          maxX: layout.width - SVGLayout.margin)
        return (stubs + others).compactMap { label, flight in
            placement.place(label, on: &canvas) > 0 ? flight : nil
        }
    }

    /// The whole document around what `canvas` holds.
    private func document(_ transcript: Transcript, legend: SVGLegend, layout: SVGLayout, canvas: SVGCanvas) -> Drawing {
        let footer = checks(transcript, layout)
        let height = footer.bottom + SVGLayout.margin
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGMarkup.number(layout.width))\" "
                + "height=\"\(SVGMarkup.number(height))\" viewBox=\"0 0 \(SVGMarkup.number(layout.width)) "
                + "\(SVGMarkup.number(height))\">",
            SVGMarkup.element("title", [], content: SVGMarkup.escape(transcript.title)),
            SVGStyle.definitions,
            SVGCanvas.rect(x: 0, y: 0, width: layout.width, height: height, classes: "background"),
            SVGCanvas.text(transcript.title, x: SVGLayout.margin, y: 34, classes: "title"),
        ]
        lines += legend.elements
        lines += canvas.elements
        lines += footer.elements
        lines.append("</svg>")
        return Drawing(document: lines.joined(separator: "\n") + "\n", canvas: canvas, layout: layout,
                       width: layout.width, height: height)
    }

    /// The steps, counted from 0 across the parts, that send a message still in flight at the
    /// end of its part.
    private static func stepsLeavingMessagesInFlight(_ flow: MessageFlow, firstSteps: [Int]) -> Set<Int> {
        Set(flow.flights.joined().compactMap { flight -> Int? in
            guard flight.end == .inFlight, case .sent(let position) = flight.start,
                  firstSteps.indices.contains(position.part)
            else { return nil }
            return firstSteps[position.part] + position.step
        })
    }

    /// The steps, counted from 0 across the parts, from the send of `flight` to its end.
    private static func steps(of flight: MessageFlight, firstSteps: [Int]) -> [Int] {
        func global(_ position: EventPosition) -> Int? {
            firstSteps.indices.contains(position.part) ? firstSteps[position.part] + position.step : nil
        }
        let start: Int?
        switch flight.start {
        case .sent(let position): start = global(position)
        case .inherited, .unknown: start = nil
        }
        let end: Int?
        switch flight.end {
        case .delivered(let position, _), .dropped(let position, _): end = global(position)
        case .inFlight: end = start
        }
        guard let first = start ?? end, let last = end ?? start else { return [] }
        return Array(min(first, last)...max(first, last))
    }

    /// Part headings, alternating step bands, the gutter's step numbers and narrations, and
    /// each step's state boxes.
    private func drawBands(_ transcript: Transcript, _ layout: SVGLayout, on canvas: inout SVGCanvas) {
        let left = SVGLayout.margin
        let right = layout.width - SVGLayout.margin
        for (partIndex, part) in transcript.parts.enumerated() {
            guard layout.parts.indices.contains(partIndex) else { continue }
            let band = layout.parts[partIndex]
            if let heading = part.heading {
                canvas.add(SVGCanvas.rect(x: left, y: band.top, width: right - left, height: SVGLayout.headingHeight,
                                          classes: "heading-band", radius: 3), to: .bands)
                canvas.add(SVGCanvas.text(heading, x: left + 8, y: band.top + 18.5, classes: "heading"), to: .bands)
                if let number = transcript.forkStepNumber(ofPart: partIndex) {
                    canvas.add(SVGCanvas.text("continues from the state after step \(number)", x: right - 8,
                                              y: band.top + 18.5, classes: "note", anchor: "end"), to: .bands)
                }
            }
            for (stepIndex, step) in part.steps.enumerated() {
                let stepBand = band.steps[stepIndex]
                if step.number % 2 == 0 {
                    canvas.add(SVGCanvas.rect(x: left, y: stepBand.top, width: right - left, height: stepBand.height,
                                              classes: "band"), to: .bands)
                }
                let baseline = stepBand.top + layout.metrics.stepPadding + 4
                canvas.add(SVGCanvas.text(String(step.number), x: left + 24, y: baseline, classes: "step-number",
                                          anchor: "end"), to: .bands)
                let frame = SVGGeometry.Box(minX: left + 30, minY: stepBand.top, maxX: left + SVGLayout.gutter - 2,
                                            maxY: stepBand.top + stepBand.height)
                for (index, line) in stepBand.narration.enumerated() {
                    canvas.addFramed(line, x: left + 32, y: baseline + Double(index) * SVGLayout.narrationLineHeight,
                                     size: 11, mono: false, classes: "narration", frame: frame,
                                     tooltip: index == 0 ? step.narration : nil, to: .bands)
                }
                stepBand.boxes.draw(top: stepBand.boxesTop, layout: layout, on: &canvas)
            }
        }
    }

    /// A header box and a line per lane, dashed grey wherever the process is down.
    private func drawLanes(_ transcript: Transcript, _ layout: SVGLayout, on canvas: inout SVGCanvas) {
        let top = layout.laneHeaderTop
        for lane in layout.lanes {
            let x = layout.x(lane)
            canvas.add(SVGCanvas.line(x, top + SVGLayout.laneHeaderHeight, x, layout.bodyBottom, classes: "lane",
                                      extra: [("data-lane", lane.description)]), to: .lanes)
            canvas.add(SVGCanvas.rect(x: x - 48, y: top, width: 96, height: SVGLayout.laneHeaderHeight,
                                      classes: "lane-box", radius: 5), to: .lanes)
            canvas.add(SVGCanvas.text(lane.description, x: x, y: top + 17, classes: "lane-name", anchor: "middle"),
                       to: .lanes)
            canvas.add(SVGCanvas.text(lane.roleName, x: x, y: top + 31, classes: "lane-role", anchor: "middle"),
                       to: .lanes)
        }
        for interval in SVGDowntime.intervals(transcript, layout) {
            let x = layout.x(interval.lane)
            canvas.add(SVGCanvas.line(x, interval.from, x, interval.to, classes: "gap"), to: .lanes)
            canvas.add(SVGCanvas.line(x, interval.from, x, interval.to, classes: "down"), to: .lanes)
        }
    }

    /// Everything drawn on a lane rather than between lanes.
    private func drawMarks(_ transcript: Transcript, _ layout: SVGLayout, on canvas: inout SVGCanvas) {
        for (partIndex, part) in transcript.parts.enumerated() {
            for (stepIndex, step) in part.steps.enumerated() {
                for (eventIndex, event) in step.events.enumerated() {
                    let y = layout.y(EventPosition(part: partIndex, step: stepIndex, event: eventIndex))
                    SVGLaneMarks.draw(event, y: y, layout: layout, on: &canvas)
                }
            }
        }
    }

    /// The checks below the diagram, each wrapped to the picture's width.
    private func checks(_ transcript: Transcript, _ layout: SVGLayout) -> (elements: [String], bottom: Double) {
        guard !transcript.checks.isEmpty else { return ([], layout.bodyBottom) }
        var y = layout.bodyBottom + 24
        var elements = [SVGCanvas.text("Invariants checked", x: SVGLayout.margin, y: y, classes: "heading")]
        let room = Int((layout.width - 2 * SVGLayout.margin - 40) / (11 * SVGCanvas.sansAdvance))
        for check in transcript.checks {
            y += 20
            elements.append(SVGCanvas.text(check.holds ? "✓" : "✗", x: SVGLayout.margin + 4, y: y,
                                           classes: check.holds ? "check-ok" : "check-bad"))
            let statement = check.name + " — " + check.statement + (check.holds ? "" : " (violated)")
            for (index, line) in TextWrapping.wrap(statement, width: room).enumerated() {
                if index > 0 { y += 14 }
                elements.append(SVGCanvas.text(line, x: SVGLayout.margin + 22, y: y, classes: "small"))
            }
            for line in check.detail.isEmpty ? [] : TextWrapping.wrap(check.detail, width: room) {
                y += 15
                elements.append(SVGCanvas.text(line, x: SVGLayout.margin + 22, y: y, classes: "note"))
            }
        }
        return (elements, y)
    }
}

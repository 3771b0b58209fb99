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
/// line. A fork's outcomes are stacked one below the other, each starting from the fork's
/// state: a message sent before the fork starts at the top of the outcome with a dashed
/// lead-in. Pairing sends with deliveries is described at ``MessageFlow``.
///
/// The output depends only on the transcript: numbers are written with at most one decimal.
public struct SVGRenderer: Sendable {
    public init() {}

    /// The SVG document, ending with a newline.
    public func render(_ transcript: Transcript) -> String {
        let flow = MessageFlow(transcript)
        let legend = SVGLegend(transcript, flow: flow, y: 60,
                               width: SVGLayout.width(laneCount: transcript.drawnLanes.count) - 2 * SVGLayout.margin)
        let layout = SVGLayout(transcript, laneHeaderTop: legend.bottom + 16)
        var canvas = SVGCanvas()
        drawBands(transcript, layout, on: &canvas)
        drawLanes(transcript, layout, on: &canvas)
        drawMarks(transcript, layout, on: &canvas)
        for (part, flights) in flow.flights.enumerated() where layout.parts.indices.contains(part) {
            var inherited = 0
            for flight in flights {
                SVGMessageDrawing(layout: layout, partTop: layout.parts[part].bodyTop, inheritedIndex: inherited)
                    .draw(flight, on: &canvas)
                if case .sent = flight.start { continue }
                inherited += 1
            }
        }
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
        return lines.joined(separator: "\n") + "\n"
    }

    /// Part headings, alternating step bands and the gutter's step numbers and narrations.
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
                let baseline = stepBand.top + min(stepBand.height / 2, layout.metrics.stepPadding + 4) + 4
                canvas.add(SVGCanvas.text(String(step.number), x: left + 24, y: baseline, classes: "step-number",
                                          anchor: "end"), to: .bands)
                let lineCount = max(1, min(3, Int((stepBand.height - 6) / 13)))
                let lines = SVGGutter.lines(step.narration, width: 36, count: lineCount)
                for (index, line) in lines.enumerated() {
                    canvas.add(SVGCanvas.text(line, x: left + 32, y: baseline + Double(index) * 13,
                                              classes: "narration", tooltip: index == 0 ? step.narration : nil),
                               to: .bands)
                }
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

    /// The checks below the diagram, one line each.
    private func checks(_ transcript: Transcript, _ layout: SVGLayout) -> (elements: [String], bottom: Double) {
        guard !transcript.checks.isEmpty else { return ([], layout.bodyBottom) }
        var y = layout.bodyBottom + 24
        var elements = [SVGCanvas.text("Invariants checked", x: SVGLayout.margin, y: y, classes: "heading")]
        let room = Int((layout.width - 2 * SVGLayout.margin - 60) / 6.4)
        for check in transcript.checks {
            y += 20
            elements.append(SVGCanvas.text(check.holds ? "✓" : "✗", x: SVGLayout.margin + 4, y: y,
                                           classes: check.holds ? "check-ok" : "check-bad"))
            let statement = check.name + " — " + check.statement + (check.holds ? "" : " (violated)")
            elements.append(SVGCanvas.text(SVGMarkup.truncate(statement, to: room), x: SVGLayout.margin + 22, y: y,
                                           classes: "small", tooltip: statement))
            if !check.detail.isEmpty {
                y += 15
                elements.append(SVGCanvas.text(SVGMarkup.truncate(check.detail, to: room), x: SVGLayout.margin + 22,
                                               y: y, classes: "note", tooltip: check.detail))
            }
        }
        return (elements, y)
    }
}

import PMMCTrace
import PMMC
import PMMCSimulation

/// What an event draws on a lane rather than between lanes: crash and restart boxes,
/// decision and response badges, timers, spawns, and network changes across all lanes.
enum SVGLaneMarks {
    /// The longest text a badge or lane note shows before it is cut with `…`.
    static let noteLimit = 40

    static func draw(_ event: TraceEvent, y: Double, layout: SVGLayout, on canvas: inout SVGCanvas) {
        let lane = event.source.map(layout.x)
        let who = EventNotation.name(event.source)
        let full = EventNotation(event).line
        switch event.kind {
        case .send, .deliver, .drop, .duplicate, .exit, .apply:
            return
        case .crash:
            guard let lane else { return }
            canvas.addBadge("crash", x: lane, y: y, boxClass: "crash-box", tooltip: full)
        case .restart:
            guard let lane else { return }
            canvas.addBadge("restart", x: lane, y: y, boxClass: "restart-box", tooltip: full)
        case .decide:
            guard let lane else { return }
            let text = "slot \(event.slot.map(String.init) ?? "?"): \(event.message ?? "")"
            canvas.addBadge(SVGMarkup.truncate(text, to: noteLimit), x: lane, y: y,
                            boxClass: "decision-box", tooltip: full)
        case .respond:
            guard let lane else { return }
            canvas.addBadge(SVGMarkup.truncate("↩ " + (event.message ?? ""), to: noteLimit), x: lane, y: y,
                            boxClass: "response-box", tooltip: full)
        case .timer:
            guard let lane else { return }
            let name = event.source == event.source?.host ? "" : " (\(who))"
            canvas.add(dot(x: lane, y: y, classes: "timer-dot"), to: .marks)
            canvas.addNote(SVGMarkup.truncate("◷ " + (event.timer.map(String.init(describing:)) ?? "timer") + name, to: noteLimit),
                           x: lane + 7, y: y + 3.5, classes: "timer", tooltip: full)
        case .spawn:
            guard let lane else { return }
            let what = EventNotation.name(event.destination) + (event.message.map { " " + $0 } ?? "")
            canvas.add(dot(x: lane, y: y, classes: "spawn-dot"), to: .marks)
            canvas.addNote(SVGMarkup.truncate("+ " + what, to: noteLimit), x: lane + 7, y: y + 3.5,
                           classes: "spawn", tooltip: full)
        case .partition, .heal, .network:
            guard let first = layout.lanes.first, let last = layout.lanes.last else { return }
            let left = layout.x(first) - 60
            let right = layout.x(last) + 60
            canvas.add(SVGCanvas.line(left, y, right, y, classes: "network"), to: .marks)
            canvas.addNote(SVGMarkup.truncate(String(full.dropFirst(2)), to: 60), x: right, y: y - 4,
                           classes: "network-label", tooltip: full, anchor: "end")
        }
    }

    private static func dot(x: Double, y: Double, classes: String) -> String {
        SVGMarkup.element("circle", [("cx", SVGMarkup.number(x)), ("cy", SVGMarkup.number(y)), ("r", "3.5"),
                                     ("class", classes)])
    }
}

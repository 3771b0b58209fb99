import PMMCTrace
import PMMC
import PMMCSimulation

/// Where everything of a transcript's space-time diagram goes: a column per lane, a band per
/// part heading and per step, and within a step a row per event it draws, so that a reply
/// sent while handling a delivery sits just below it.
struct SVGLayout {
    /// Sizes that depend on how long the story is: long ones get flatter steps.
    struct Metrics {
        let eventGap: Double
        let stepPadding: Double
        let minimumStep: Double

        static let regular = Metrics(eventGap: 17, stepPadding: 13, minimumStep: 46)
        static let compact = Metrics(eventGap: 11, stepPadding: 8, minimumStep: 26)
    }

    /// The vertical extent of one part.
    struct PartBand {
        let top: Double
        /// Where the steps start: below the heading band, if any.
        let bodyTop: Double
        let bottom: Double
        let steps: [StepBand]
    }

    struct StepBand {
        let top: Double
        let height: Double
        /// The y of each event; events that draw nothing share the row before them.
        let eventY: [Double]
    }

    static let margin: Double = 20
    static let gutter: Double = 250
    static let laneSpacing: Double = 190
    static let headingHeight: Double = 28
    static let laneHeaderHeight: Double = 38
    /// Steps in a transcript above this count are drawn compactly.
    static let compactThreshold = 120

    let lanes: [ProcessID]
    let metrics: Metrics
    let parts: [PartBand]
    let width: Double
    /// Where the lanes' header boxes start, below the title and legend.
    let laneHeaderTop: Double
    /// Where the diagram body (the lanes) ends.
    let bodyBottom: Double

    private let laneIndex: [ProcessID: Int]

    /// The layout of `transcript`'s diagram, the lanes starting at `laneHeaderTop`.
    init(_ transcript: Transcript, laneHeaderTop: Double) {
        self.laneHeaderTop = laneHeaderTop
        lanes = transcript.drawnLanes
        var index: [ProcessID: Int] = [:]
        for (position, lane) in lanes.enumerated() where index[lane] == nil { index[lane] = position }
        laneIndex = index
        let stepCount = transcript.parts.reduce(0) { $0 + $1.steps.count }
        let metrics: Metrics = stepCount > Self.compactThreshold ? .compact : .regular
        self.metrics = metrics
        width = Self.width(laneCount: lanes.count)
        var y = laneHeaderTop + Self.laneHeaderHeight + 12
        var parts: [PartBand] = []
        for part in transcript.parts {
            let top = y
            if part.heading != nil { y += Self.headingHeight + 6 }
            let bodyTop = y
            var steps: [StepBand] = []
            for step in part.steps {
                var rows: [Double] = []
                var row = -1
                for event in step.events {
                    if Self.takesRow(event.kind) || row < 0 { row += 1 }
                    rows.append(Double(row))
                }
                let height = max(metrics.minimumStep, 2 * metrics.stepPadding + Double(max(row, 0)) * metrics.eventGap)
                let first = y + metrics.stepPadding
                steps.append(StepBand(top: y, height: height, eventY: rows.map { first + $0 * metrics.eventGap }))
                y += height
            }
            parts.append(PartBand(top: top, bodyTop: bodyTop, bottom: y, steps: steps))
            y += 10
        }
        self.parts = parts
        bodyBottom = y
    }

    /// The width of a diagram with `laneCount` lanes.
    static func width(laneCount: Int) -> Double {
        2 * margin + gutter + Double(max(laneCount, 1)) * laneSpacing
    }

    /// The x of the line `process` is drawn on (its host's lane).
    func x(_ process: ProcessID) -> Double {
        let column = laneIndex[process.host] ?? 0
        return Self.margin + Self.gutter + (Double(column) + 0.5) * Self.laneSpacing
    }

    /// The y of the event at `position`.
    func y(_ position: EventPosition) -> Double {
        guard parts.indices.contains(position.part), parts[position.part].steps.indices.contains(position.step)
        else { return bodyBottom }
        let rows = parts[position.part].steps[position.step].eventY
        return rows.indices.contains(position.event) ? rows[position.event] : bodyBottom
    }

    /// Whether an event of this kind gets a row of its own.
    static func takesRow(_ kind: TraceEvent.Kind) -> Bool {
        switch kind {
        case .send, .deliver, .drop, .duplicate, .spawn, .timer, .crash, .restart, .decide, .respond,
             .partition, .heal, .network:
            true
        case .exit, .apply:
            false
        }
    }
}

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

        /// Whether these are the flat sizes of a long story.
        var isCompact: Bool { eventGap < Self.regular.eventGap }
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
        /// The narration in the gutter, wrapped, every line shown.
        let narration: [String]
        /// The state boxes and tables below the events.
        let boxes: SVGStateBoxes
        /// Where the state boxes start.
        let boxesTop: Double
    }

    static let margin: Double = 20
    static let gutter: Double = 250
    /// The widest lane column, used up to ``wideLaneLimit`` lanes.
    static let wideLaneSpacing: Double = 190
    /// The narrowest lane column, for pictures of many lanes.
    static let narrowLaneSpacing: Double = 160
    static let wideLaneLimit = 8
    /// The narrowest a lane gets to fit a maximum width.
    static let narrowestLaneSpacing: Double = 120
    /// How many characters of narration a gutter line holds, at 11 px.
    static let narrationCharacters = 32
    static let narrationLineHeight: Double = 13
    static let headingHeight: Double = 28
    static let laneHeaderHeight: Double = 38
    /// Steps in a transcript above this count are drawn compactly.
    static let compactThreshold = 120

    let lanes: [ProcessID]
    let laneSpacing: Double
    let metrics: Metrics
    let parts: [PartBand]
    let width: Double
    /// Where the lanes' header boxes start, below the title and legend.
    let laneHeaderTop: Double
    /// Where the diagram body (the lanes) ends.
    let bodyBottom: Double

    private let laneIndex: [ProcessID: Int]

    /// The layout of `transcript`'s diagram, the lanes starting at `laneHeaderTop`; `detail`
    /// says what the state boxes show.
    /// With a `maximumWidth`, lanes are narrowed (down to ``narrowestLaneSpacing``) to fit it;
    /// the picture is at least `minimumWidth` wide, room on the right for labels.
    /// `leavesInFlight` are the steps, counted from 0 across the parts, that send a message
    /// still in flight at the end of the part; `stretch` spreads the rows of some steps (by
    /// the same count) apart by a factor, to make room for their labels.
    init(_ transcript: Transcript, laneHeaderTop: Double, detail: SVGStateBoxes.Detail, maximumWidth: Double? = nil,
         minimumWidth: Double = 0, leavesInFlight: Set<Int> = [], stretch: [Int: Double] = [:]) {
        self.laneHeaderTop = laneHeaderTop
        lanes = transcript.drawnLanes
        var index: [ProcessID: Int] = [:]
        for (position, lane) in lanes.enumerated() where index[lane] == nil { index[lane] = position }
        laneIndex = index
        let laneSpacing = Self.laneSpacing(laneCount: lanes.count, maximumWidth: maximumWidth)
        self.laneSpacing = laneSpacing
        let stepCount = transcript.parts.reduce(0) { $0 + $1.steps.count }
        let metrics: Metrics = stepCount > Self.compactThreshold ? .compact : .regular
        self.metrics = metrics
        var y = laneHeaderTop + Self.laneHeaderHeight + 12
        var parts: [PartBand] = []
        var tableWidth = 0.0
        let laneSet = Set(lanes)
        var stepBase = 0
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
                let narration = TextWrapping.wrap(step.narration, width: Self.narrationCharacters)
                    .flatMap { SVGStateBoxes.wrap($0, width: Self.narrationCharacters) }
                let boxes = SVGStateBoxes(step, detail: detail, laneSpacing: laneSpacing, lanes: laneSet)
                tableWidth = max(tableWidth, boxes.tableWidth)
                let first = y + metrics.stepPadding
                let gap = metrics.eventGap * (stretch[steps.count + stepBase] ?? 1)
                let eventsBottom = first + Double(max(row, 0)) * gap
                // Room for the stubs of messages the step leaves in flight, above its boxes.
                let stubRoom = boxes.height > 0 && leavesInFlight.contains(steps.count + stepBase) ? 44.0 : 0
                let boxesTop = eventsBottom + (boxes.height > 0 ? 16 : 0) + stubRoom
                let contentHeight = boxesTop + boxes.height + metrics.stepPadding - y
                let narrationHeight = 2 * metrics.stepPadding + 4 + Double(narration.count) * Self.narrationLineHeight
                let height = max(metrics.minimumStep, contentHeight, narrationHeight)
                steps.append(StepBand(top: y, height: height, eventY: rows.map { first + $0 * gap },
                                      narration: narration, boxes: boxes, boxesTop: boxesTop))
                y += height
            }
            stepBase += steps.count
            parts.append(PartBand(top: top, bodyTop: bodyTop, bottom: y, steps: steps))
            y += 10
        }
        self.parts = parts
        bodyBottom = y
        width = max(Self.width(laneCount: lanes.count, maximumWidth: maximumWidth),
                    2 * Self.margin + Self.gutter + tableWidth + 20, minimumWidth)
    }

    /// The column each lane gets: narrower when there are many lanes, or as narrow as it must
    /// be to fit `maximumWidth`.
    static func laneSpacing(laneCount: Int, maximumWidth: Double? = nil) -> Double {
        guard let maximumWidth else { return laneCount <= wideLaneLimit ? wideLaneSpacing : narrowLaneSpacing }
        let fitting = (maximumWidth - 2 * margin - gutter) / Double(max(laneCount, 1))
        return min(wideLaneSpacing, max(narrowestLaneSpacing, fitting.rounded(.down)))
    }

    /// The width of a diagram with `laneCount` lanes.
    static func width(laneCount: Int, maximumWidth: Double? = nil) -> Double {
        2 * margin + gutter + Double(max(laneCount, 1)) * laneSpacing(laneCount: laneCount, maximumWidth: maximumWidth)
    }

    /// The x of the line `process` is drawn on (its host's lane).
    func x(_ process: ProcessID) -> Double {
        let column = laneIndex[process.host] ?? 0
        return Self.margin + Self.gutter + (Double(column) + 0.5) * laneSpacing
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

import PMMC

/// When each lane's process is down: from a crash to its restart or the end of the part. A
/// fork outcome starts with the processes down at the end of the part it forks from, any
/// other part with those down at the end of the last part that was no fork outcome.
enum SVGDowntime {
    struct Interval: Equatable {
        let lane: ProcessID
        let from: Double
        let to: Double
    }

    static func intervals(_ transcript: Transcript, _ layout: SVGLayout) -> [Interval] {
        var intervals: [Interval] = []
        var endStates: [Set<ProcessID>] = []
        var mainLine: Set<ProcessID> = []
        for (partIndex, part) in transcript.parts.enumerated() {
            guard layout.parts.indices.contains(partIndex) else { break }
            let band = layout.parts[partIndex]
            var downAtStart = mainLine
            if let origin = part.forksFrom, origin >= 0, origin < partIndex {
                downAtStart = endStates[origin]
            }
            var downSince: [ProcessID: Double] = [:]
            for lane in layout.lanes where downAtStart.contains(lane) { downSince[lane] = band.bodyTop }
            for (stepIndex, step) in part.steps.enumerated() {
                for (eventIndex, event) in step.events.enumerated() {
                    guard let lane = event.source?.host else { continue }
                    let y = layout.y(EventPosition(part: partIndex, step: stepIndex, event: eventIndex))
                    switch event.kind {
                    case .crash:
                        if downSince[lane] == nil { downSince[lane] = y + 8 }
                    case .restart:
                        if let from = downSince.removeValue(forKey: lane) {
                            intervals.append(Interval(lane: lane, from: from, to: y - 8))
                        }
                    case .send, .deliver, .drop, .duplicate, .spawn, .exit, .timer, .decide, .apply, .respond,
                         .partition, .heal, .network:
                        continue
                    }
                }
            }
            for lane in layout.lanes {
                if let from = downSince[lane] { intervals.append(Interval(lane: lane, from: from, to: band.bottom)) }
            }
            let down = Set(downSince.keys)
            endStates.append(down)
            if part.forksFrom == nil { mainLine = down }
        }
        return intervals
    }
}

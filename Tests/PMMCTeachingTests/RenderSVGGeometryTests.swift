import Testing
import PMMC
import PMMCTrace
@testable import PMMCTeaching

/// The SVG pictures checked from their own geometry: every message label clear of the other
/// labels, of other messages' arrows and of every badge, note, cross and state box; every text
/// inside its frame; every cross of a message lost in flight off the lanes' lines; pictures
/// within their size limits.
@Suite("SVG geometry")
struct RenderSVGGeometryTests {
    static let walkthroughs = Walkthroughs.all.map(\.name)

    private static func transcript(_ name: String) throws -> Transcript {
        try #require(Walkthroughs.named(name)).run()
    }

    /// What in `drawing` breaks the rules, one line each.
    static func problems(_ drawing: SVGRenderer.Drawing) -> [String] {
        var problems: [String] = []
        let shapes = drawing.canvas.shapes
        for (index, label) in shapes.enumerated() where label.kind == .label {
            guard let box = label.box else { continue }
            for (otherIndex, other) in shapes.enumerated() where otherIndex != index && other.owner != label.owner {
                if let segment = other.segment {
                    if box.intersects(segment) {
                        problems.append("label '\(label.text)' lies on another message's arrow")
                    }
                } else if let otherBox = other.box, box.intersects(otherBox) {
                    if other.kind == .label, otherIndex < index { continue }
                    problems.append("label '\(label.text)' overlaps '\(other.text)'")
                }
            }
            let bounds = box.bounds
            if bounds.minX < SVGLayout.margin + SVGLayout.gutter || bounds.maxX > drawing.width - SVGLayout.margin + 0.5 {
                problems.append("label '\(label.text)' leaves the lanes' area")
            }
        }
        for text in drawing.canvas.framedTexts where !text.frame.contains(text.box) {
            problems.append("text '\(text.text)' runs out of its frame")
        }
        return problems
    }

    @Test("every walk-through's picture: labels clear, texts in their frames", arguments: walkthroughs)
    func posterIsClear(name: String) throws {
        let drawing = SVGRenderer().drawing(try Self.transcript(name), detail: .changes)
        let problems = Self.problems(drawing)
        #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) problems:\n" + problems.prefix(12).joined(separator: "\n")))
    }

    @Test("every walk-through's slide frames: labels clear, texts in their frames, 16:9 at 100%",
          arguments: walkthroughs)
    func framesAreClearAndFit(name: String) throws {
        let transcript = try Self.transcript(name)
        let frames = SlidesRenderer().frames(transcript)
        #expect(frames.count == transcript.parts.reduce(0) { $0 + $1.steps.count })
        for (index, frame) in frames.enumerated() {
            let problems = Self.problems(frame)
            #expect(problems.isEmpty, Comment(rawValue: "frame \(index + 1): " + problems.prefix(8).joined(separator: "\n")))
            #expect(frame.width <= SlidesRenderer.frameWidth && frame.height <= SlidesRenderer.frameHeight,
                    "frame \(index + 1) is \(frame.width)×\(frame.height)")
        }
    }

    @Test("the sample stories: labels clear, texts in their frames", arguments: RenderSamples.all)
    func samplesAreClear(_ transcript: Transcript) {
        let problems = Self.problems(SVGRenderer().drawing(transcript, detail: .changes))
        #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) problems:\n" + problems.prefix(12).joined(separator: "\n")))
    }

    @Test("a message lost in flight ends in a cross off every lane's line", arguments: RenderSamples.all)
    func crossesAvoidLanes(_ transcript: Transcript) throws {
        let drawing = SVGRenderer().drawing(transcript, detail: .changes)
        let laneXs = drawing.layout.lanes.map(drawing.layout.x)
        let crosses = drawing.canvas.shapes.filter { $0.kind == .mark && $0.text == "✗" }.compactMap(\.box)
        let lostInFlight = transcript.parts.flatMap(\.steps).flatMap(\.events).filter {
            $0.kind == .drop && $0.reason != .crashed && $0.reason != .exited
        }
        #expect(crosses.count >= lostInFlight.count)
        for cross in crosses {
            let nearest = laneXs.map { abs($0 - cross.centre.x) }.min() ?? .infinity
            // A cross at a crashed receiver sits 10 px before its lane, by design.
            #expect(nearest >= SVGMessageDrawing.crossClearance || abs(nearest - 10) < 0.01,
                    "a cross at x=\(cross.centre.x) sits \(nearest) px from a lane")
        }
    }

    @Test("the samples lose messages in flight between lanes, several lanes apart")
    func samplesLoseMessages() {
        let lost = RenderSamples.long.parts.flatMap(\.steps).flatMap(\.events).filter {
            $0.kind == .drop && ($0.reason == .loss || $0.reason == .partition)
        }
        #expect(lost.count >= 2)
    }

    @Test("the geometry finds what it must: a label on an arrow, a text out of its frame")
    func geometryDetectsOverlap() {
        let box = SVGGeometry.Box(minX: 0, minY: 0, maxX: 10, maxY: 10)
        #expect(box.intersects(SVGGeometry.Segment(from: .init(x: -5, y: 5), to: .init(x: 15, y: 5))))
        #expect(!box.intersects(SVGGeometry.Segment(from: .init(x: -5, y: 12), to: .init(x: 15, y: 12))))
        // Turned across the corner: its upright bounds overlap the box, the box itself does not.
        let across = SVGGeometry.Box(centre: .init(x: 12.5, y: 12.5), halfWidth: 4, halfHeight: 0.5,
                                     cos: 0.5.squareRoot(), sin: -(0.5.squareRoot()))
        #expect(across.bounds.minX < 10 && across.bounds.minY < 10)
        #expect(!across.intersects(box))
        let onto = SVGGeometry.Box(centre: .init(x: 10, y: 10), halfWidth: 4, halfHeight: 0.8,
                                   cos: 0.5.squareRoot(), sin: -(0.5.squareRoot()))
        #expect(onto.intersects(box))
        #expect(!box.contains(SVGGeometry.Box(minX: 5, minY: 5, maxX: 12, maxY: 8)))
        #expect(box.contains(SVGGeometry.Box(minX: 1, minY: 1, maxX: 9, maxY: 9)))
    }
}

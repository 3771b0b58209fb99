#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import Testing
import PMMC
import PMMCSimulation
import PMMCTrace
import PMMCTeaching

/// What the tests look for in an SVG document, gathered while parsing it.
private final class SVGProbe: NSObject, XMLParserDelegate {
    var root: String?
    var rootAttributes: [String: String] = [:]
    var laneLines: [String] = []
    var crosses = 0
    var leadIns = 0
    var titles = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if root == nil {
            root = elementName
            rootAttributes = attributeDict
        }
        let classes = Set((attributeDict["class"] ?? "").split(separator: " ").map(String.init))
        if elementName == "line", classes.contains("lane"), let lane = attributeDict["data-lane"] { laneLines.append(lane) }
        if elementName == "g", classes.contains("drop-cross") { crosses += 1 }
        if elementName == "path", classes.contains("lead") { leadIns += 1 }
        if elementName == "title" { titles += 1 }
    }

    /// Parses `svg`; `nil` when it is not well-formed XML.
    static func parse(_ svg: String) -> SVGProbe? {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }
}

@Suite("SVG renderer")
struct RenderSVGTests {
    static let samples = RenderSamples.all

    private func events(_ transcript: Transcript) -> [TraceEvent] {
        transcript.parts.flatMap(\.steps).flatMap(\.events)
    }

    @Test("well-formed XML: an svg root with a size and viewBox, a line per lane, a cross per drop",
          arguments: samples)
    func structure(_ transcript: Transcript) throws {
        let svg = render(transcript, as: .svg)
        let probe = try #require(SVGProbe.parse(svg))
        #expect(probe.root == "svg")
        let width = try #require(probe.rootAttributes["width"].flatMap(Double.init))
        let height = try #require(probe.rootAttributes["height"].flatMap(Double.init))
        #expect(probe.rootAttributes["viewBox"] == "0 0 \(probe.rootAttributes["width"]!) \(probe.rootAttributes["height"]!)")
        #expect(width > 0 && height > 0)
        #expect(probe.laneLines == transcript.lanes.map(\.description))
        #expect(probe.crosses == events(transcript).filter { $0.kind == .drop }.count)
        #expect(svg.contains("<title>\(transcript.title)</title>"))
    }

    @Test("the same transcript gives the same bytes")
    func deterministic() {
        #expect(render(RenderSamples.long, as: .svg) == render(RenderSamples.long, as: .svg))
    }

    @Test("a fork's outcomes draw messages sent before the fork with a dashed lead-in")
    func forkLeadIns() throws {
        let probe = try #require(SVGProbe.parse(render(RenderSamples.election, as: .svg)))
        // Branch A delivers two of the three p1a(0.0) sent before the fork, branch B delivers two
        // and drops one.
        #expect(probe.leadIns == 5)
    }

    @Test("a window of a trace: deliveries and drops without sends, unknown processes, no panic")
    func window() throws {
        let events = [
            TraceEvent(time: 5, kind: .deliver, source: .scout(leader: 3, number: 9), destination: .acceptor(0),
                       messageID: 17, message: "p1a(3.3)"),
            TraceEvent(time: 5, kind: .drop, source: .acceptor(0), destination: .commander(leader: 3, number: 2),
                       messageID: 18, message: "p2b(3.3)"),
            TraceEvent(time: 6, kind: .decide, source: .replica(4), message: "x; <y> & \"z\"", slot: nil),
            TraceEvent(time: 6, kind: .restart, source: .acceptor(0)),
            TraceEvent(time: 7, kind: .network, detail: "loss 0.5"),
        ]
        let transcript = Transcript(title: "window <1>", lanes: [.acceptor(0)],
                                    parts: [.init(steps: [Transcript.Step(number: 1, narration: "", events: events)]),
                                            .init(heading: "bad fork", forksFrom: 7, steps: [])])
        let probe = try #require(SVGProbe.parse(render(transcript, as: .svg)))
        #expect(probe.laneLines == ["a0", "l3", "r4"])
        #expect(probe.crosses == 1)
        for format in RenderFormat.allCases {
            #expect(!render(transcript, as: format).isEmpty)
        }
    }

    @Test("the legend keys a restart only when the diagram has one")
    func restartLegend() {
        #expect(render(RenderSamples.long, as: .svg).contains(#"class="legend">restart</text>"#))
        #expect(!render(RenderSamples.election, as: .svg).contains(#"class="legend">restart</text>"#))
    }

    @Test("an empty transcript is still a picture")
    func empty() throws {
        let probe = try #require(SVGProbe.parse(render(Transcript(title: "", lanes: [], parts: []), as: .svg)))
        #expect(probe.root == "svg")
        #expect(probe.laneLines.isEmpty)
    }

    @Test("hundreds of steps stay compact and labels longer than 64 characters are cut with an ellipsis")
    func large() throws {
        var parts: [Transcript.Part] = []
        for repeatIndex in 0..<10 {
            var part = RenderSamples.long.parts[0]
            part.steps = part.steps.map { step in
                var step = step
                step.number += repeatIndex * 100
                return step
            }
            parts.append(part)
        }
        let transcript = Transcript(title: "long", lanes: RenderSamples.long.lanes, parts: parts)
        let steps = parts.reduce(0) { $0 + $1.steps.count }
        #expect(steps > 300)
        let svg = render(transcript, as: .svg)
        let probe = try #require(SVGProbe.parse(svg))
        let height = try #require(probe.rootAttributes["height"].flatMap(Double.init))
        let sampleProbe = try #require(SVGProbe.parse(render(RenderSamples.long, as: .svg)))
        let sampleHeight = try #require(sampleProbe.rootAttributes["height"].flatMap(Double.init))
        let sampleSteps = RenderSamples.long.parts.reduce(0) { $0 + $1.steps.count }
        #expect(height / Double(steps) < 0.8 * sampleHeight / Double(sampleSteps), "long stories get flatter steps")
        #expect(svg.contains("p1b(1.1, [&lt;0.0, 1, Put k1 v1&gt;, &lt;0.0, 2, Put k2 v2&gt;, &lt;0.0, 3, Pu…"))
    }
}

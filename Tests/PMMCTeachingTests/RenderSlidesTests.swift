import Testing
import PMMC
@testable import PMMCTeaching

@Suite("Slides and state in the pictures")
struct RenderSlidesTests {
    @Test("the SVG shows each changed field old → new beside its lane, and replies as OK! or Nope!")
    func svgStateAndVerdicts() throws {
        let svg = try render(#require(Walkthroughs.named("acceptors")).run(), as: .svg)
        #expect(svg.contains(">ballot_num: _ → 0.1</text>"))
        // Too long for the box, the change wraps between its values, the pvalue kept whole.
        #expect(svg.contains(">accepted: [] →</text>"))
        #expect(svg.contains(">  [&lt;0.1, 1, A&gt;]</text>"))
        #expect(svg.contains(">p1b(0.1, []) OK! → l1/s1</text>"))
        #expect(svg.contains(">p1b(0.1, []) Nope! → l0/s1</text>"))
        #expect(svg.contains(">p2b(0.1) Nope! → l0/c2</text>"))
    }

    @Test("a replica's box marks slot_out and slot_in; single-decree's table is drawn under its step")
    func replicaPointersAndTables() throws {
        let window = try render(#require(Walkthroughs.named("replica-window")).run(), as: .svg)
        #expect(window.contains("slot_in: 4 → 5</text>"))
        let decree = try render(#require(Walkthroughs.named("single-decree")).run(), as: .svg)
        #expect(decree.contains(">after phase 1</text>"))
        #expect(decree.contains(">n_h</text>"))
    }

    @Test("a box's lines wrap between values, never inside a pvalue or a view, and fit")
    func wrapping() {
        #expect(SVGStateBoxes.wrap("accepted: [] → [<0.1, 1, A>]", width: 26) == ["accepted: [] →", "  [<0.1, 1, A>]"])
        #expect(SVGStateBoxes.wrap("  4 [App k2 v2] → Put k3 v3", width: 20) == ["  4 [App k2 v2] →", "    Put k3 v3"])
        let long = SVGStateBoxes.wrap("v_a: {1, {0,1,2,3,4,5,6,7,8,9,10,11}}", width: 16)
        #expect(long.allSatisfy { $0.count <= 16 })
        #expect(long.joined().filter { $0 != " " } == "v_a:{1,{0,1,2,3,4,5,6,7,8,9,10,11}}")
    }

    @Test("a field's change: a short one old → new, a long list as the items gained and lost")
    func changes() {
        #expect(StateDiff.change(from: "_", to: "0.1") == "_ → 0.1")
        #expect(StateDiff.change(from: "[<0.0, 1, Put k1 v1>, <0.0, 2, Put k2 v2>]",
                                 to: "[<0.0, 1, Put k1 v1>, <0.0, 2, Put k2 v2>, <0.0, 3, App k1 v1>]")
                == "+<0.0, 3, App k1 v1>")
        #expect(StateDiff.listItems("[<1, {1, {0,2}}>, <2, B>]") == ["<1, {1, {0,2}}>", "<2, B>"])
        let state = ProcessState(process: .replica(0), title: "Replica r0",
                                 lines: ["slot_out: 3  slot_in: 5", "  3 ·  ← slot_out", "  4 [B]", "requests: []"],
                                 changed: true,
                                 previousLines: ["slot_out: 3  slot_in: 4", "  3 ·  ← slot_out, slot_in", "requests: [B]"])
        #expect(StateDiff(state).changedLines.map(\.text) == ["slot_out: 3  slot_in: 4 → 5", "  4 [B]", "requests: [B] → []"])
    }

    @Test("the deck: a title slide, a frame per step, the checks; no external resource")
    func deck() throws {
        let transcript = try #require(Walkthroughs.named("getting-elected")).run()
        let html = render(transcript, as: .slides)
        let steps = transcript.parts.reduce(0) { $0 + $1.steps.count }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<section class=\"slide\"").count - 1 == steps + 2)
        #expect(html.components(separatedBy: "<svg xmlns=").count - 1 == steps)
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@import"))
        #expect(html.contains("· step 1 of \(steps)"))
        #expect(html.contains("Invariants checked"))
    }

    @Test("a frame draws only the lanes its step involves")
    func frameLanes() throws {
        let transcript = try #require(Walkthroughs.named("replica-window")).run()
        let frames = SlidesRenderer().frames(transcript)
        let first = try #require(transcript.parts.first?.steps.first)
        let involved = Set(first.events.flatMap { [$0.source?.host, $0.destination?.host] }.compactMap { $0 })
        #expect(frames[0].layout.lanes.allSatisfy { lane in
            involved.contains(lane) || first.panels.contains { panel in
                if case .state(let state) = panel { return state.process.host == lane }
                return false
            }
        })
        #expect(frames[0].layout.lanes.count < transcript.lanes.count)
    }

    @Test("an SVG cut to a maximum height: the first steps that fit; a story that fits is drawn whole")
    func maximumHeight() throws {
        let long = RenderSamples.long
        let whole = SVGRenderer().render(long, maximumHeight: 1_000_000)
        #expect(!whole.isCut && whole.document == render(long, as: .svg))
        let cut = SVGRenderer().render(long, maximumHeight: whole.height / 2)
        #expect(cut.isCut)
        #expect(cut.height <= whole.height / 2)
        #expect(cut.stepsDrawn >= 1 && cut.stepsDrawn < cut.stepCount)
        #expect(cut.fullHeight == whole.height)
        #expect(cut.document.contains(" height=\"\(SVGMarkup.number(cut.height))\""))
        let firstSteps = SVGRenderer.firstSteps(cut.stepsDrawn, of: long)
        #expect(firstSteps.parts.flatMap(\.steps) == Array(long.parts.flatMap(\.steps).prefix(cut.stepsDrawn)))
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTeaching

@Suite("Text renderer")
struct RenderTextTests {
    @Test("the acceptor story renders exactly as the golden file")
    func golden() throws {
        try RenderGolden.check(TextRenderer().render(RenderSamples.acceptor), against: "render-sample.txt")
    }

    @Test("no ANSI escape without colour, escapes with colour, same words either way")
    func colour() {
        for sample in [RenderSamples.acceptor, RenderSamples.election, RenderSamples.long] {
            let plain = render(sample, as: .text)
            let coloured = render(sample, as: .text, colour: true)
            #expect(!plain.contains("\u{1B}"))
            #expect(coloured.contains("\u{1B}["))
            #expect(coloured.replacing(/\x{1B}\[[0-9;]*m/, with: "") == plain)
        }
    }

    @Test("a changed state has a * after its title, an unchanged one none")
    func changedMarker() throws {
        let steps = RenderSamples.acceptor.parts[0].steps
        let renderer = TextRenderer()
        #expect(renderer.step(steps[1]).contains("Acceptor a0 *"))
        #expect(!renderer.step(steps[2]).contains("*"))
        #expect(renderer.step(steps[2]).contains("Acceptor a0"))
    }

    @Test("state panels stand side by side, each column starting at the same place")
    func sideBySide() throws {
        let text = TextRenderer().step(RenderSamples.acceptor.parts[0].steps[5])
        let lines = text.split(separator: "\n").map(String.init)
        let titles = try #require(lines.first { $0.contains("Acceptor a0 *") && $0.contains("Leader l1") })
        let column = try #require(titles.range(of: "Leader l1")).lowerBound
        let offset = titles.distance(from: titles.startIndex, to: column)
        let values = try #require(lines.first { $0.contains("proposals: [<1, A>]") })
        let valueOffset = values.distance(from: values.startIndex, to: try #require(values.range(of: "proposals")).lowerBound)
        #expect(valueOffset == offset + 2)
    }

    @Test("panels too wide for one row wrap onto further rows of at most 100 columns")
    func panelRowsWrap() {
        let panels = (0..<6).map { index in
            Transcript.Panel.state(ProcessState(process: .acceptor(index), title: "Acceptor a\(index)",
                                     lines: ["accepted: [<0.1, 1, A>, <0.1, 2, B>]"], changed: false))
        }
        let text = TextRenderer().step(Transcript.Step(number: 1, narration: "six acceptors", panels: panels))
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines.filter { $0.contains("Acceptor a") }.count > 1)
        #expect(lines.filter { $0.contains("Acceptor a") }.count < 6)
    }

    @Test("drops, ignored deliveries, crashes and decisions are spelled out, not only coloured")
    func notation() {
        let text = render(RenderSamples.long, as: .text)
        #expect(text.contains("✗ l0/c3 → a2   p2a(<0.0, 2, Put k2 v2>)   dropped (loss)"))
        #expect(text.contains("r1 → l1      propose(4, Put k4 v4)   ignored"))
        #expect(text.contains("↯ l0 crashed"))
        #expect(text.contains("✓ r0: slot 1 decided: Put k1 v1"))
        #expect(text.contains("✗ R3  State is the decisions applied in order. (violated)"))
    }

    @Test("header, parts, steps and footer concatenate to the whole rendering")
    func pieces() {
        let transcript = RenderSamples.election
        let renderer = TextRenderer()
        var pieces = [renderer.header(transcript)]
        for (index, part) in transcript.parts.enumerated() {
            let heading = renderer.part(index, of: transcript)
            if !heading.isEmpty { pieces.append(heading) }
            pieces += part.steps.map(renderer.step)
        }
        pieces.append(renderer.footer(transcript))
        #expect(pieces.joined(separator: "\n") == renderer.render(transcript))
        #expect(renderer.part(1, of: transcript).contains("continues from the state after step 1"))
        #expect(renderer.part(0, of: transcript).isEmpty)
    }

    @Test("the lesson is wrapped at 88 columns")
    func lessonWraps() {
        let header = TextRenderer().header(RenderSamples.acceptor)
        #expect(header.split(separator: "\n").allSatisfy { $0.count <= 88 })
        #expect(header.split(separator: "\n").count > 4)
    }
}

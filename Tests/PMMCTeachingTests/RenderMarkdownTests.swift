import Testing
import PMMC
import PMMCSimulation
import PMMCTeaching

@Suite("Markdown renderer")
struct RenderMarkdownTests {
    /// The document cut at each `### Step` heading: the step's own blocks.
    private func stepSections(_ markdown: String) -> [String] {
        markdown.components(separatedBy: "\n### Step ").dropFirst().map { $0.components(separatedBy: "\n## ")[0] }
    }

    @Test("headings for the title, the parts and every step")
    func headings() {
        let markdown = render(RenderSamples.election, as: .markdown)
        #expect(markdown.hasPrefix("# Leader: getting elected\n"))
        #expect(markdown.contains("\n## Branch A: two acceptors already follow 0.1\n"))
        #expect(markdown.contains("\n## Or… Branch B: two acceptors answer OK(\\[\\])\n"))
        #expect(markdown.contains("### Step 2 — a0 receives p1a(0.0): \"Nope!\" (it follows 0.1)"))
        #expect(stepSections(markdown).count == 11)
    }

    @Test("every step with states has a table with a column per process")
    func stateTables() {
        let transcript = RenderSamples.acceptor
        let sections = stepSections(render(transcript, as: .markdown))
        let steps = transcript.parts.flatMap(\.steps)
        #expect(sections.count == steps.count)
        for (section, step) in zip(sections, steps) {
            let states = step.panels.filter { if case .state = $0 { true } else { false } }.count
            let tableLines = section.split(separator: "\n").filter { $0.hasPrefix("|") }
            if states == 0 {
                #expect(tableLines.isEmpty, "step \(step.number)")
            } else {
                let header = tableLines.first
                #expect(header?.filter { $0 == "|" }.count == states + 1, "step \(step.number)")
                #expect(tableLines.count >= 3, "step \(step.number)")
            }
        }
        #expect(sections[5].contains("| Acceptor a0 (changed) | Leader l1 |"))
        #expect(sections[5].contains("| `accepted: [<0.1, 1, A>]` | `ballot_num: 0.1` |"))
    }

    @Test("pvalues outside code spans become entities, pipes in cells are escaped")
    func escaping() {
        let state = ProcessState(process: .acceptor(0), title: "Acceptor <a0>", lines: ["x | y"], changed: false)
        let step = Transcript.Step(number: 1, narration: "accepts <0.1, 1, A>", panels: [.state(state)])
        let markdown = MarkdownRenderer().render(Transcript(title: "T", lanes: [.acceptor(0)], parts: [.init(steps: [step])]))
        #expect(markdown.contains("### Step 1 — accepts &lt;0.1, 1, A&gt;"))
        #expect(markdown.contains("| Acceptor &lt;a0&gt; |"))
        #expect(markdown.contains("| `x \\| y` |"))
    }

    @Test("tables of a StateTable and the checks")
    func tablesAndChecks() {
        let markdown = render(RenderSamples.long, as: .markdown)
        #expect(markdown.contains("**Replica logs**\n\n|  | r0 | r1 |\n| --- | --- | --- |\n| slot 1 | `Put k1 v1` | `Put k1 v1` |"))
        #expect(markdown.contains("## Invariants checked"))
        #expect(markdown.contains("| ✓ | R1 | One command per slot across replicas. | slots 1–4 |"))
        #expect(markdown.contains("| ✗ violated | R3 |"))
    }

    @Test("events are listed with their marker and route")
    func events() {
        let markdown = render(RenderSamples.acceptor, as: .markdown)
        #expect(markdown.contains("- `l1/s1 → a0` `p1a(0.1)`\n"))
        #expect(markdown.contains("- ✗ `l0/s1 → a0` `p1a(0.0)` dropped (loss)\n"))
        #expect(markdown.contains("- `l0/c2 → a0` `p2a(<0.0, 1, B>)` ignored\n"))
    }

    @Test("a spawn's + marker is escaped, so it does not open a nested list")
    func plusMarkerEscaped() {
        var story = StoryBuilder()
        story.step("l0 spawns its scout") { $0.spawn("l0", "l0/s1", "scout 0.0") }
        let markdown = MarkdownRenderer().render(Transcript(title: "spawn", lanes: [.leader(0)], parts: story.parts))
        #expect(markdown.contains("\n- \\+ l0 spawns l0/s1 (scout 0.0)\n"), "\(markdown)")
        #expect(!markdown.contains("\n- + "))
    }
}

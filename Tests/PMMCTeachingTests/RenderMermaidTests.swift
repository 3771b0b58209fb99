import Testing
import PMMC
import PMMCSimulation
@testable import PMMCTeaching

@Suite("Mermaid renderer")
struct RenderMermaidTests {
    static let samples = RenderSamples.all

    @Test("starts with sequenceDiagram and declares every lane once, in order", arguments: samples)
    func participants(_ transcript: Transcript) {
        let lines = render(transcript, as: .mermaid).split(separator: "\n").map(String.init)
        #expect(lines.first == "sequenceDiagram")
        let declared = lines.filter { $0.hasPrefix("    participant ") }.map { String($0.dropFirst(16)) }
        #expect(declared == transcript.lanes.map(\.description))
    }

    @Test("arrows join declared participants and their labels carry no raw ; # < >", arguments: samples)
    func arrows(_ transcript: Transcript) throws {
        let mermaid = render(transcript, as: .mermaid)
        let declared = Set(transcript.lanes.map(\.description))
        let arrow = /^\s*([A-Za-z0-9]+)(->>|--\)|-x)([A-Za-z0-9]+): (.*)$/
        var count = 0
        for line in mermaid.split(separator: "\n") {
            guard let match = try arrow.wholeMatch(in: String(line)) else {
                #expect(!line.contains("->>") && !line.contains("-x"), "unparsed arrow: \(line)")
                continue
            }
            count += 1
            #expect(declared.contains(String(match.1)), "\(line)")
            #expect(declared.contains(String(match.3)), "\(line)")
            let label = String(match.4).replacing(/#[a-z0-9]+;/, with: "")
            #expect(!label.contains(";") && !label.contains("<") && !label.contains(">") && !label.contains("#"), "\(line)")
        }
        // One arrow per copy of a message: where it was delivered or dropped, or where it was
        // sent if it is still in flight at the end of its part.
        let delivered = transcript.parts.flatMap(\.steps).flatMap(\.events)
            .filter { $0.kind == .deliver || $0.kind == .drop }.count
        let inFlight = MessageFlow(transcript).flights.joined().count { $0.end == .inFlight }
        #expect(count == delivered + inFlight)
    }

    @Test("a fork's outcomes are the branches of one alt block")
    func forks() {
        let lines = render(RenderSamples.election, as: .mermaid).split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("    alt ") } == ["    alt Branch A: two acceptors already follow 0.1"])
        #expect(lines.filter { $0.hasPrefix("    else ") } == ["    else Or… Branch B: two acceptors answer OK([])"])
        #expect(lines.last == "    end")
    }

    @Test("drops, ignored messages, crashes and decisions")
    func notation() {
        let mermaid = render(RenderSamples.long, as: .mermaid)
        #expect(mermaid.contains("    l0-xa2: p2a(#lt;0.0, 2, Put k2 v2#gt;) (lost)\n"))
        #expect(mermaid.contains("    r1--)l1: propose(4, Put k4 v4) (ignored)\n"))
        #expect(mermaid.contains("    Note over l0: crashed\n"))
        #expect(mermaid.contains("    Note over r0: slot 1 decided: Put k1 v1\n"))
        #expect(mermaid.contains("    l0->>l0: adopted(0.0, [])\n"))
        #expect(mermaid.contains("    c0->>r0: request(c0#35;1: Put k1 v1)\n"))
    }

    @Test("a reply nobody received still shows, dotted, where it was sent")
    func repliesInFlight() throws {
        let mermaid = try render(#require(Walkthroughs.named("acceptors")).run(), as: .mermaid)
        #expect(mermaid.contains("a0--)l1: p1b(0.1, []) (in flight)"), "\(mermaid)")
    }
}

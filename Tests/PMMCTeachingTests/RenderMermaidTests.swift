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

    @Test("a reply nobody received still shows, dotted, where it was sent, with its OK! or Nope!")
    func repliesInFlight() throws {
        let mermaid = try render(#require(Walkthroughs.named("acceptors")).run(), as: .mermaid)
        #expect(mermaid.contains("a0--)l1: p1b(0.1, []) OK! (in flight)"), "\(mermaid)")
        #expect(mermaid.contains("a0--)l0: p1b(0.1, []) Nope! (in flight)"), "\(mermaid)")
        #expect(mermaid.contains("a0--)l1: p2b(0.1) OK! (in flight)"), "\(mermaid)")
        #expect(mermaid.contains("a0--)l0: p2b(0.1) Nope! (in flight)"), "\(mermaid)")
    }

    @Test("a delivered reply carries its verdict; a p1b answering at the request's ballot is OK!")
    func deliveredVerdicts() {
        let mermaid = render(RenderSamples.acceptor, as: .mermaid)
        #expect(mermaid.contains("    a0->>l1: p1b(0.1, []) OK!\n"), "\(mermaid)")
        #expect(mermaid.contains("    a0->>l0: p1b(0.1, []) Nope!\n"), "\(mermaid)")
    }

    @Test("each step ends with a note beside every process whose state it changed, fields old → new")
    func stateNotes() throws {
        let mermaid = try render(#require(Walkthroughs.named("acceptors")).run(), as: .mermaid)
        let lines = mermaid.split(separator: "\n").map(String.init)
        let step1 = try #require(lines.firstIndex { $0.contains("Step 1 —") })
        let step2 = try #require(lines.firstIndex { $0.contains("Step 2 —") })
        #expect(lines[step1..<step2].contains("    Note right of a0: Acceptor a0<br/>ballot_num: _ → 0.1"))
        // Step 2 changes nothing: no state note.
        let step3 = try #require(lines.firstIndex { $0.contains("Step 3 —") })
        #expect(!lines[step2..<step3].contains { $0.contains("Note right of") })
        #expect(mermaid.contains("    Note right of a0: Acceptor a0<br/>accepted: [] → [#lt;0.1, 1, A#gt;]\n"))
    }

    @Test("a step's table becomes a note across the lanes, a row a line")
    func tables() throws {
        let mermaid = try render(#require(Walkthroughs.named("single-decree")).run(), as: .mermaid)
        #expect(mermaid.contains("Note over c0,r4: after phase 1<br/>0 · 1 · 2 · 3 · 4<br/>n_a: _ · _ · _ · _ · _<br/>"
                                 + "v_a: nil · nil · nil · nil · nil<br/>n_h: 0.1 · 0.1 · 0.1 · 0.1 · 0.1<br/>done: F · F · F · F · F"),
                "\(mermaid)")
    }
}

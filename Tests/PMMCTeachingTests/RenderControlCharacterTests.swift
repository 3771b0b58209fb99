import Testing
import PMMC
import PMMCSimulation
import PMMCTrace
import PMMCTeaching

/// Text from a trace file or a title can hold any character; no renderer passes a control
/// character from it to the terminal or into the document.
@Suite("Control characters")
struct RenderControlCharacterTests {
    /// Every C0 control, DEL and every C1 control, around a screen-clearing escape sequence.
    static let hostile = "x\u{1B}[2J" + String(String.UnicodeScalarView((0x00...0x1F).compactMap(Unicode.Scalar.init)))
        + "\u{7F}" + String(String.UnicodeScalarView((0x80...0x9F).compactMap(Unicode.Scalar.init))) + "\r\ny"

    /// A transcript with the hostile text in every field a renderer draws.
    static var transcript: Transcript {
        let event = { (kind: TraceEvent.Kind) in
            TraceEvent(time: 3, kind: kind, source: .leader(0), destination: .acceptor(0), message: hostile, slot: 1, detail: hostile)
        }
        let state = ProcessState(process: .acceptor(0), title: hostile, lines: [hostile], changed: true)
        let table = StateTable(title: hostile, columns: [hostile], rows: [StateTable.Row(label: hostile, cells: [hostile])])
        let step = Transcript.Step(number: 1, narration: hostile, events: TraceEvent.Kind.allCases.map(event),
                                   panels: [.state(state), .table(table)])
        return Transcript(title: hostile, lesson: hostile, lanes: [.leader(0), .acceptor(0)],
                          parts: [Transcript.Part(heading: hostile, steps: [step])],
                          checks: [Transcript.Check(name: hostile, statement: hostile, holds: false, detail: hostile)])
    }

    /// The control characters in `text` other than line feeds.
    private func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { ControlCharacters.isControl($0) && $0 != "\n" }
    }

    @Test("escaped(_:) writes each control in Swift's notation and leaves the rest", arguments: [
        ("plain → a0", "plain → a0"),
        ("\u{1B}[2J", "\\u{1B}[2J"),
        ("a\u{0}b\u{7F}c\u{85}d\u{9F}", "a\\u{0}b\\u{7F}c\\u{85}d\\u{9F}"),
        ("line\r\nbreak\n", "line\\u{D}\\u{A}break\\u{A}"),
        ("\u{A0}é\u{2028}", "\u{A0}é\u{2028}"),
    ])
    func escaped(_ text: String, _ expected: String) {
        #expect(ControlCharacters.escaped(text) == expected)
    }

    @Test("no renderer emits a control character but the line feed", arguments: RenderFormat.allCases)
    func noControls(_ format: RenderFormat) {
        let output = render(Self.transcript, as: format)
        #expect(controls(output).isEmpty)
        #expect(output.contains("\\u{1B}[2J") || output.contains("\\\\u{1B}\\[2J"))
    }

    @Test("with colour on, the only escapes are the text renderer's own SGR sequences")
    func colourStillWorks() {
        let output = render(Self.transcript, as: .text, colour: true)
        let sequences = #/\x1B\[[0-9;]*m/#
        #expect(output.contains(sequences))
        #expect(controls(output.replacing(sequences, with: "")).isEmpty)
    }

    @Test("a trace's message and a title with escapes render visibly as text")
    func fromTrace() {
        let events = [TraceEvent(time: 1, kind: .send, source: .client(0), destination: .replica(0), message: "\u{1B}]0;pwned\u{7}")]
        let output = TextRenderer().render(Transcript(trace: events, title: "run\u{9B}2J"))
        #expect(output.contains("c0 → r0   \\u{1B}]0;pwned\\u{7}   (sent)"))
        #expect(output.hasPrefix("run\\u{9B}2J\n═══════════\n"))
        #expect(controls(output).isEmpty)
    }
}

import PMMCTrace
import PMMC
import PMMCSimulation

/// One trace event in the notation the text and Markdown renderers share: a message as
/// `source → destination` with its text and what became of it, anything else as a short fact.
struct EventNotation: Equatable {
    /// How an event is spelled.
    enum Shape: Equatable {
        /// A message on the wire: `route` is `l0/s1 → a0`, `note` says e.g. `(sent)`.
        case message(route: String, text: String, note: String?)
        /// Anything else, e.g. `l0 crashed`.
        case fact(String)
    }

    /// What an event means, for colouring; the words and the marker carry the same meaning.
    enum Tone: Equatable {
        case plain, quiet, failure, success, warning
    }

    /// One character before the event: ` ` for a delivery, `✗` for a drop, `↯` for a crash, ….
    let marker: Character
    let shape: Shape
    let tone: Tone

    init(_ event: TraceEvent) {
        let source = Self.name(event.source)
        let destination = Self.name(event.destination)
        let route = "\(source) → \(destination)"
        let text = event.message ?? ""
        switch event.kind {
        case .send:
            let note = event.injected ? "(sent, injected)" : "(sent)"
            self.init(" ", .message(route: route, text: text, note: note), .quiet)
        case .deliver:
            if event.ignored {
                self.init(" ", .message(route: route, text: text, note: "ignored"), .quiet)
            } else {
                self.init(" ", .message(route: route, text: text, note: nil), .plain)
            }
        case .drop:
            let note = event.reason.map { "dropped (\($0.rawValue))" } ?? "dropped"
            self.init("✗", .message(route: route, text: text, note: note), .failure)
        case .duplicate:
            self.init("⇉", .message(route: route, text: text, note: "duplicated"), .warning)
        case .spawn:
            let what = event.message.map { " (\($0))" } ?? ""
            self.init("+", .fact("\(source) spawns \(destination)\(what)"), .plain)
        case .exit:
            self.init("−", .fact("\(source) exits"), .quiet)
        case .timer:
            self.init("◷", .fact("\(source) timer \(event.timer.map(String.init(describing:)) ?? "fired")"), .warning)
        case .crash:
            self.init("↯", .fact("\(source) crashed"), .failure)
        case .restart:
            self.init("↻", .fact("\(source) restarted"), .success)
        case .decide:
            self.init("✓", .fact("\(source): slot \(Self.slot(event)) decided: \(text)"), .success)
        case .apply:
            self.init("▸", .fact("\(source): slot \(Self.slot(event)) applied: \(text)"), .quiet)
        case .respond:
            self.init("↩", .fact("\(source) got response \(text)"), .plain)
        case .partition:
            self.init("⌇", .fact("partition" + (event.detail.map { ": \($0)" } ?? "")), .warning)
        case .heal:
            self.init("⌇", .fact("partition healed"), .warning)
        case .network:
            self.init("≈", .fact("network" + (event.detail.map { ": \($0)" } ?? "")), .warning)
        }
    }

    private init(_ marker: Character, _ shape: Shape, _ tone: Tone) {
        self.marker = marker
        self.shape = shape
        self.tone = tone
    }

    /// The event on one line, without padding: `✗ l0/s1 → a1   p1a(0.0)   dropped (loss)`.
    var line: String {
        switch shape {
        case .message(let route, let text, let note):
            "\(marker) \(route)   \(text)" + (note.map { "   \($0)" } ?? "")
        case .fact(let text):
            "\(marker) \(text)"
        }
    }

    /// A process's name, or `?` when the event has none.
    static func name(_ process: ProcessID?) -> String {
        process.map(\.description) ?? "?"
    }

    private static func slot(_ event: TraceEvent) -> String {
        event.slot.map(String.init) ?? "?"
    }
}

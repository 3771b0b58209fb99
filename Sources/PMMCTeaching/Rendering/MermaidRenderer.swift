import PMMCTrace
import PMMC
import PMMCSimulation

/// Draws a ``Transcript`` as a Mermaid sequence diagram (the text inside a ` ```mermaid `
/// fence, without the fence).
///
/// Every lane is a participant, declared in order; a scout or commander is drawn on its
/// leader's line. A message is drawn where it is delivered: `->>` for a delivery, `--)`
/// (dotted) with `(ignored)` for one the receiver ignored, `-x` with the reason (`(lost)`,
/// `(partitioned)`, …) for a drop. A message still in flight at the end of its part is drawn
/// where it was sent, dotted, with `(in flight)`, so a reply nobody received still shows.
/// Other sends, duplications (a duplicate shows as a second delivery), exits and applies are
/// not drawn. Crashes,
/// restarts, timers, spawns, decisions and client responses are notes over the process; each
/// step begins with a note across all lanes and ends with a note beside each process whose
/// state it changed, listing the changed fields `old → new` (and a note with each table); an
/// acceptor's reply is labelled `OK!` or `Nope!` (``ReplyVerdict``). A fork's outcomes are
/// the branches of an `alt … else … end` block.
public struct MermaidRenderer: Sendable {
    public init() {}

    /// The diagram, starting with `sequenceDiagram` and ending with a newline.
    public func render(_ transcript: Transcript) -> String {
        let lanes = transcript.drawnLanes
        var lines = ["sequenceDiagram"]
        lines.append("    %% " + MermaidEscaping.label(transcript.title))
        lines += lanes.map { "    participant \($0)" }
        let span = lanes.first.map { first in
            lanes.count > 1 ? "\(first),\(lanes[lanes.count - 1])" : "\(first)"
        }
        let flights = MessageFlow(transcript).flights.joined()
        let unreceived = Set(flights.compactMap { flight -> EventPosition? in
            guard flight.end == .inFlight, case .sent(let position) = flight.start else { return nil }
            return position
        })
        let verdicts = ReplyVerdict.verdicts(transcript)
        var verdictAt = verdicts
        for flight in flights {
            guard let sent = flight.sentAt, let verdict = verdicts[sent] else { continue }
            switch flight.end {
            case .delivered(let position, _), .dropped(let position, _): verdictAt[position] = verdict
            case .inFlight: continue
            }
        }
        var openFork: Int?
        for (partIndex, part) in transcript.parts.enumerated() {
            var indent = "    "
            if let origin = part.forksFrom {
                let heading = MermaidEscaping.label(part.heading ?? "Outcome")
                if openFork == origin {
                    lines.append("    else \(heading)")
                } else {
                    lines += closing(&openFork)
                    lines.append("    alt \(heading)")
                }
                openFork = origin
                indent = "        "
            } else {
                lines += closing(&openFork)
                if let heading = part.heading, let span {
                    lines.append("    Note over \(span): " + MermaidEscaping.label(heading))
                }
            }
            for (stepIndex, step) in part.steps.enumerated() {
                if let span {
                    lines.append(indent + "Note over \(span): Step \(step.number) — " + MermaidEscaping.label(step.narration))
                }
                for (eventIndex, event) in step.events.enumerated() {
                    let position = EventPosition(part: partIndex, step: stepIndex, event: eventIndex)
                    let verdict = verdictAt[position].map { " " + $0.rawValue } ?? ""
                    let drawn = unreceived.contains(position) ? inFlight(event, verdict: verdict)
                        : line(for: event, span: span, verdict: verdict)
                    if let drawn { lines.append(indent + drawn) }
                }
                lines += stateNotes(step, lanes: Set(lanes), span: span).map { indent + $0 }
            }
        }
        lines += closing(&openFork)
        return lines.joined(separator: "\n") + "\n"
    }

    private func closing(_ openFork: inout Int?) -> [String] {
        defer { openFork = nil }
        return openFork == nil ? [] : ["    end"]
    }

    /// A message sent and never delivered or dropped within its part:
    /// `a0--)l1: p1b(0.1, []) OK! (in flight)`.
    private func inFlight(_ event: TraceEvent, verdict: String) -> String? {
        guard let source = event.source?.host, let destination = event.destination?.host else { return nil }
        return "\(source)--)\(destination): \(MermaidEscaping.label(event.message ?? ""))\(verdict) (in flight)"
    }

    /// A note beside each process whose state the step changed, its title and changed fields
    /// one a line (`Note right of a0: Acceptor a0<br/>ballot_num: _ → 0.1`), then a note across
    /// the lanes per table.
    private func stateNotes(_ step: Transcript.Step, lanes: Set<ProcessID>, span: String?) -> [String] {
        step.panels.compactMap { panel -> String? in
            switch panel {
            case .state(let state):
                guard state.changed, lanes.contains(state.process.host) else { return nil }
                let diff = StateDiff(state)
                let body = ([diff.title] + diff.changedLines.map(\.text)).map { MermaidEscaping.label($0.trimmingLeadingSpaces) }
                return "Note right of \(state.process.host): " + body.joined(separator: "<br/>")
            case .table(let table):
                guard let span else { return nil }
                let rows = [table.title, table.columns.joined(separator: " · ")]
                    + table.rows.map { "\($0.label): " + $0.cells.joined(separator: " · ") }
                return "Note over \(span): " + rows.map(MermaidEscaping.label).joined(separator: "<br/>")
            }
        }
    }

    /// The diagram line for one event, or `nil` for an event not drawn.
    private func line(for event: TraceEvent, span: String?, verdict: String) -> String? {
        let text = MermaidEscaping.label(event.message ?? "")
        let source = event.source?.host
        let destination = event.destination?.host
        func arrow(_ arrow: String, _ suffix: String) -> String? {
            guard let source, let destination else { return nil }
            return "\(source)\(arrow)\(destination): \(text)\(verdict)\(suffix)"
        }
        func note(_ what: String) -> String? {
            guard let source else { return nil }
            return "Note over \(source): " + MermaidEscaping.label(what)
        }
        func wideNote(_ what: String) -> String? {
            guard let span else { return nil }
            return "Note over \(span): " + MermaidEscaping.label(what)
        }
        switch event.kind {
        case .send, .duplicate, .exit, .apply:
            return nil
        case .deliver:
            return event.ignored ? arrow("--)", " (ignored)") : arrow("->>", "")
        case .drop:
            return arrow("-x", " (\(Self.dropReason(event.reason)))")
        case .spawn:
            return note("spawns \(EventNotation.name(event.destination))" + (event.message.map { " (\($0))" } ?? ""))
        case .timer:
            return note("timer \(event.timer.map(String.init(describing:)) ?? "fired") (\(EventNotation.name(event.source)))")
        case .crash:
            return note("crashed")
        case .restart:
            return note("restarted")
        case .decide:
            return note("slot \(event.slot.map(String.init) ?? "?") decided: \(event.message ?? "")")
        case .respond:
            return note("response \(event.message ?? "")")
        case .partition:
            return wideNote("partition" + (event.detail.map { ": \($0)" } ?? ""))
        case .heal:
            return wideNote("partition healed")
        case .network:
            return wideNote("network" + (event.detail.map { ": \($0)" } ?? ""))
        }
    }

    /// Why a message was dropped, in a word or two.
    static func dropReason(_ reason: TraceEvent.DropReason?) -> String {
        switch reason {
        case .loss: "lost"
        case .partition: "partitioned"
        case .crashed: "receiver crashed"
        case .exited: "receiver exited"
        case .deaf: "receiver deaf"
        case .schedule, nil: "dropped"
        }
    }
}

/// Escaping for Mermaid labels.
enum MermaidEscaping {
    /// `text` with the characters Mermaid takes for syntax written as its entity codes: `#`,
    /// `;`, `<`, `>` and `"`; on one line with control characters visible
    /// (``ControlCharacters/singleLine(_:)``).
    static func label(_ text: String) -> String {
        var result = ""
        for character in ControlCharacters.singleLine(text) {
            switch character {
            case "#": result += "#35;"
            case ";": result += "#59;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "\"": result += "#quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

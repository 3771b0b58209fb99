import PMMC
import PMMCTrace

/// "OK!" or "Nope!" for an acceptor's reply, as the slides label them: a `p1b` or `p2b` that
/// answers with the ballot of the request it answers is OK!, one with a higher ballot is Nope!
///
/// The request is the last `p1a` (for a `p1b`) or `p2a` (for a `p2b`) the acceptor received
/// from the reply's receiver before the reply was sent, in the same line of the story.
enum ReplyVerdict: String {
    case ok = "OK!"
    case nope = "Nope!"

    /// The verdict for each reply sent in `transcript`, by the position of its `send`.
    static func verdicts(_ transcript: Transcript) -> [EventPosition: ReplyVerdict] {
        var verdicts: [EventPosition: ReplyVerdict] = [:]
        var endStates: [[Key: String]] = []
        var mainLine: [Key: String] = [:]
        for (partIndex, part) in transcript.parts.enumerated() {
            var requests = mainLine
            if let origin = part.forksFrom, origin >= 0, origin < partIndex { requests = endStates[origin] }
            for (stepIndex, step) in part.steps.enumerated() {
                for (eventIndex, event) in step.events.enumerated() {
                    guard let source = event.source, let destination = event.destination,
                          let message = event.message, let phase = phase(of: message)
                    else { continue }
                    switch (event.kind, phase.isRequest) {
                    case (.deliver, true):
                        requests[Key(acceptor: destination, asker: source, phase: phase.number)] = ballot(in: message)
                    case (.send, false):
                        guard let asked = requests[Key(acceptor: source, asker: destination, phase: phase.number)],
                              let answered = ballot(in: message)
                        else { continue }
                        let position = EventPosition(part: partIndex, step: stepIndex, event: eventIndex)
                        verdicts[position] = asked == answered ? .ok : .nope
                    default:
                        continue
                    }
                }
            }
            endStates.append(requests)
            if part.forksFrom == nil { mainLine = requests }
        }
        return verdicts
    }

    private struct Key: Hashable {
        let acceptor: ProcessID
        let asker: ProcessID
        let phase: Int
    }

    /// `p1a`/`p2a` are requests of phase 1 and 2, `p1b`/`p2b` their replies.
    private static func phase(of message: String) -> (number: Int, isRequest: Bool)? {
        let name = message.prefix(4)
        switch name {
        case "p1a(": return (1, true)
        case "p2a(": return (2, true)
        case "p1b(": return (1, false)
        case "p2b(": return (2, false)
        default: return nil
        }
    }

    /// The first ballot in a message in the slides' notation: `p1a(0.1)`, `p2a(<0.1, 1, A>)`,
    /// `p1b(0.1, […])`, `p2b(0.1)` all give `0.1`.
    private static func ballot(in message: String) -> String? {
        let body = message.dropFirst(4).drop { $0 == "<" }
        let ballot = body.prefix { $0 != "," && $0 != ")" }
        return ballot.isEmpty ? nil : String(ballot)
    }
}

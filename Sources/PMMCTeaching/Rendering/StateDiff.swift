/// A process state's lines with each field the step changed marked `old → new`, for the
/// pictures' state boxes.
///
/// Lines are matched by their field: `ballot_num: 0.1` by `ballot_num`, each of the
/// `slot_out: 3  slot_in: 5` fields on its own, a replica's log line `  3 App k1 v1  ← slot_out`
/// by its slot (the pointer arrows are not part of the value: they move on the field line).
/// A line with no counterpart before the step is marked changed as it is.
struct StateDiff {
    struct Line: Equatable {
        let text: String
        let changed: Bool
    }

    let title: String
    let lines: [Line]

    init(_ state: ProcessState) {
        title = state.title
        guard state.changed, let previous = state.previousLines else {
            lines = state.lines.map { Line(text: $0, changed: state.changed) }
            return
        }
        var before: [String: String] = [:]
        for line in previous {
            for field in Self.fields(line) where before[field.key] == nil { before[field.key] = field.value }
        }
        lines = state.lines.map { line in
            let fields = Self.fields(line)
            guard fields.contains(where: { before[$0.key] != $0.value }) else { return Line(text: line, changed: false) }
            if line.hasPrefix(" ") {
                let field = fields[0]
                let old = before[field.key].map { ($0.isEmpty ? "·" : $0) + " → " } ?? ""
                return Line(text: "  \(field.key) \(old)\(field.value)\(Self.pointers(line))", changed: true)
            }
            let text = fields.map { field in
                guard let old = before[field.key], old != field.value else { return "\(field.key): \(field.value)" }
                return "\(field.key): " + Self.change(from: old, to: field.value)
            }.joined(separator: "  ")
            return Line(text: text, changed: true)
        }
    }

    /// The longest `old → new` written out whole; a longer change of a list is written as the
    /// items it gained and lost, `+<0.0, 3, A>` and `−<0.0, 2, B>`.
    static let wholeChangeLimit = 40

    /// `old → new`, or for two long lists the items added and removed.
    static func change(from old: String, to new: String) -> String {
        let whole = "\(old) → \(new)"
        guard whole.count > wholeChangeLimit, let before = listItems(old), let after = listItems(new) else { return whole }
        let added = after.filter { !before.contains($0) }.map { "+" + $0 }
        let removed = before.filter { !after.contains($0) }.map { "−" + $0 }
        let changes = removed + added
        return changes.isEmpty ? whole : changes.joined(separator: " ")
    }

    /// The items of a list in the slides' notation, `[<a>, <b>]`, split at the commas between
    /// items (not those inside `<…>` or `{…}`); `nil` for a value that is no list.
    static func listItems(_ value: String) -> [String]? {
        guard value.first == "[", value.last == "]" else { return nil }
        var items: [String] = []
        var depth = 0
        var item = ""
        for character in value.dropFirst().dropLast() {
            switch character {
            case "<", "{", "[", "(": depth += 1
            case ">", "}", "]", ")": depth -= 1
            default: break
            }
            if character == ",", depth == 0 {
                items.append(item)
                item = ""
            } else if !(item.isEmpty && character == " ") {
                item.append(character)
            }
        }
        if !item.isEmpty { items.append(item) }
        return items
    }

    /// The changed lines only, for a compact box.
    var changedLines: [Line] { lines.filter(\.changed) }

    private struct Field {
        let key: String
        let value: String
    }

    /// `name: value` fields separated by two spaces, or a log line's slot and command.
    private static func fields(_ line: String) -> [Field] {
        if line.hasPrefix(" ") {
            let body = withoutPointers(line).drop { $0 == " " }
            let slot = body.prefix { $0 != " " }
            return [Field(key: String(slot), value: String(body.dropFirst(slot.count).drop { $0 == " " }))]
        }
        return split(line, at: "  ").compactMap { part -> Field? in
            guard let (key, value) = cut(part, at: ": ") else { return part.isEmpty ? nil : Field(key: part, value: "") }
            return Field(key: key, value: value)
        }
    }

    private static func withoutPointers(_ line: String) -> String {
        cut(line, at: "  ← ")?.before ?? line
    }

    private static func pointers(_ line: String) -> String {
        cut(line, at: "  ← ").map { "  ← " + $0.after } ?? ""
    }

    /// The text before and after the first `separator` in `text`.
    private static func cut(_ text: String, at separator: String) -> (before: String, after: String)? {
        let characters = Array(text), pattern = Array(separator)
        guard characters.count >= pattern.count else { return nil }
        for start in 0...(characters.count - pattern.count) where Array(characters[start..<start + pattern.count]) == pattern {
            return (String(characters[..<start]), String(characters[(start + pattern.count)...]))
        }
        return nil
    }

    /// `text` split at every `separator`.
    private static func split(_ text: String, at separator: String) -> [String] {
        var parts: [String] = []
        var rest = text
        while let (before, after) = cut(rest, at: separator) {
            parts.append(before)
            rest = after
        }
        parts.append(rest)
        return parts
    }
}

/// Escaping for text placed in Markdown.
enum MarkdownEscaping {
    /// `text` as plain Markdown prose: HTML-significant characters as entities (so `<0.1, 1, A>`
    /// is not taken for a tag), Markdown punctuation backslash-escaped, `|` escaped for tables,
    /// on one line with control characters visible (``ControlCharacters/singleLine(_:)``).
    static func text(_ text: String) -> String {
        var result = ""
        for character in ControlCharacters.singleLine(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// `text` as an inline code span, safe inside a table cell: the fence is one backtick longer
    /// than any run of backticks inside, and `|` is escaped as GitHub-flavoured tables require
    /// even in code; on one line with control characters visible. Empty text gives an empty
    /// string.
    static func code(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        let body = ControlCharacters.singleLine(text).replacing("|", with: "\\|")
        var longestRun = 0
        var run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padding = body.first == "`" || body.last == "`" ? " " : ""
        return fence + padding + body + padding + fence
    }
}

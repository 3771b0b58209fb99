/// Escaping for text placed in Markdown.
enum MarkdownEscaping {
    /// `text` as plain Markdown prose: HTML-significant characters as entities (so `<0.1, 1, A>`
    /// is not taken for a tag), Markdown punctuation backslash-escaped, `|` escaped for tables.
    static func text(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#": result += "\\" + String(character)
            case "\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// `text` as an inline code span, safe inside a table cell: the fence is one backtick longer
    /// than any run of backticks inside, and `|` is escaped as GitHub-flavoured tables require
    /// even in code. Empty text gives an empty string.
    static func code(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var longestRun = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padding = text.first == "`" || text.last == "`" ? " " : ""
        let body = text.replacing("|", with: "\\|").replacing("\n", with: " ")
        return fence + padding + body + padding + fence
    }
}

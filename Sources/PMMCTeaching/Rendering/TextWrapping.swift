/// Greedy word wrapping for terminal text.
enum TextWrapping {
    /// `text` broken at spaces into lines of at most `width` characters (a longer word gets a
    /// line of its own); each line of the input is wrapped on its own, with its control
    /// characters made visible (``ControlCharacters/escaped(_:)``).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = ""
            for word in ControlCharacters.escaped(String(paragraph)).split(separator: " ") {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// `text` followed by spaces up to `width` characters.
    static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension String {
    /// The string without the spaces at its start.
    var trimmingLeadingSpaces: String {
        String(drop { $0 == " " })
    }

    /// The string without the spaces at its end.
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

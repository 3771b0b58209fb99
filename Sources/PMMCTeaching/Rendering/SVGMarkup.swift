/// Helpers for writing SVG by hand: escaping, byte-stable numbers and elements.
enum SVGMarkup {
    /// `text` safe inside an XML element or a double-quoted attribute, on one line with control
    /// characters visible (``ControlCharacters/singleLine(_:)``): XML 1.0 allows no C0 control
    /// but tab and line breaks, even as a character reference.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in ControlCharacters.singleLine(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `value` rounded to one decimal, without a trailing `.0`: `12`, `12.5`, `-0.5`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        let sign = tenths < 0 ? "-" : ""
        return sign + String(magnitude / 10) + (magnitude % 10 == 0 ? "" : "." + String(magnitude % 10))
    }

    /// An element with its attributes in the order given; self-closing without content.
    static func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) -> String {
        let attributeText = attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
        guard let content else { return "<\(name)\(attributeText)/>" }
        return "<\(name)\(attributeText)>\(content)</\(name)>"
    }

    /// `text` cut to `limit` characters, ending in `…` when cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(0, limit - 1))) + "…"
    }
}

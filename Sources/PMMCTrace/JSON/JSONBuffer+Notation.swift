import PMMC

/// A trace writes a message's notation straight into its line: ``NotationPrintable`` pieces
/// go into the buffer escaped for the inside of a JSON string, without a `String` built
/// first. The bytes are those of the notation's `description`, quoted as ``JSONText`` quotes.
extension JSONBuffer: NotationOutput {
    /// Appends `text`, escaping a quote (the notation of a response quotes its output). The
    /// pieces are a few bytes each, nearly all with nothing to escape: they are checked byte
    /// by byte and copied whole.
    @inline(__always)
    public mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { utf8 in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return JSONText.appendEscaped(bytes: utf8, to: &self)
            }
            append(utf8)
        }
    }

    /// Appends the decimal digits of `number`.
    @inline(__always)
    public mutating func write(_ number: Int) {
        JSONText.appendInteger(number, to: &self)
    }

    /// Appends `text` escaped.
    @inline(__always)
    public mutating func write(text: String) {
        JSONText.appendEscaped(text, to: &self)
    }
}

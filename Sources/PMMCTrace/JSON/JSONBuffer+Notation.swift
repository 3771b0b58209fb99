import PMMC

/// A trace writes a message's notation straight into its line: ``NotationPrintable`` pieces
/// go into the buffer escaped for the inside of a JSON string, without a `String` built
/// first. The bytes are those of the notation's `description`, quoted as ``JSONText`` quotes.
extension JSONBuffer: NotationOutput {
    /// Appends `text`, escaping a quote (the notation of a response quotes its output). The
    /// pieces are a few bytes each, nearly all with nothing to escape: they are checked byte
    /// by byte, straight from the static text (no closure, as `withUTF8Buffer` takes), and
    /// copied whole. It is inlinable, so that for a literal the check and the copy compile
    /// to a few stores.
    @inlinable @inline(__always)
    public mutating func write(_ text: StaticString) {
        guard text.hasPointerRepresentation else { return write(scalar: text.unicodeScalar) }
        let utf8 = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                // A response's quote, `"\""`, most often: escaped without a scan.
                if utf8.count == 1 { return JSONText.appendEscaped(byte, to: &self) }
                return JSONText.appendEscaped(bytes: utf8, to: &self)
            }
            index += 1
        }
        append(utf8)
    }

    /// Appends a piece of one character (`")"`), which a `StaticString` holds as a scalar.
    @usableFromInline
    mutating func write(scalar: Unicode.Scalar) {
        if scalar.isASCII, scalar.value >= 0x20, scalar != "\"", scalar != "\\" {
            append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            JSONText.appendEscaped(String(scalar), to: &self)
        }
    }

    /// Appends the decimal digits of `number`.
    @inlinable @inline(__always)
    public mutating func write(_ number: Int) {
        JSONText.appendInteger(number, to: &self)
    }

    /// Appends `command`'s notation, escaped: copied from what was written for the same
    /// command before, if it is still remembered (``CommandNotations``).
    public mutating func write<Machine: StateMachine>(command: Command<Machine>) {
        let entry = CommandNotations.entry(of: command)
        if let notation = commandNotations.notation(of: command, in: entry) { return append(notation) }
        let start = written
        command.body.writeNotation(to: &self)
        commandNotations.remember(command, notation: UnsafeBufferPointer(start: base + start, count: written - start), in: entry)
    }

    /// Appends `text` escaped.
    @inline(__always)
    public mutating func write(text: String) {
        JSONText.appendEscaped(text, to: &self)
    }
}

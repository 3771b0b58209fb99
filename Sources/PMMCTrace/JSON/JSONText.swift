/// Writing JSON text.
public enum JSONText {
    /// `text` as a JSON string literal, quotes included; byte-for-byte stable, so traces
    /// written by different processes compare equal.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, quotes included, to `bytes` (UTF-8): the bytes
    /// of ``quoted(_:)``, without building a `String`.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var plain = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain..<index]))
                appendEscaped(byte, to: &bytes)
                plain = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the escape sequence of `byte`, a quote, a backslash or a control character.
    private static func appendEscaped(_ byte: UInt8, to bytes: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): appendASCII("\\\"", to: &bytes)
        case UInt8(ascii: "\\"): appendASCII("\\\\", to: &bytes)
        case UInt8(ascii: "\n"): appendASCII("\\n", to: &bytes)
        case UInt8(ascii: "\r"): appendASCII("\\r", to: &bytes)
        case UInt8(ascii: "\t"): appendASCII("\\t", to: &bytes)
        default:
            appendASCII("\\u00", to: &bytes)
            bytes.append(hexDigit(byte >> 4))
            bytes.append(hexDigit(byte & 0xF))
        }
    }

    /// Appends the decimal digits of `value` (with a `-` if negative), as `String(value)` spells it.
    public static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if (0..<10).contains(value) {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends `text`, which must be ASCII with nothing to escape, as it is.
    public static func appendASCII(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// The lowercase hexadecimal digit of `value`, which is below 16.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

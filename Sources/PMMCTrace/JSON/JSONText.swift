/// Writing JSON text.
public enum JSONText {
    /// `text` as a JSON string literal, quotes included; byte-for-byte stable, so traces
    /// written by different processes compare equal.
    public static func quoted(_ text: String) -> String {
        var bytes = JSONBuffer(capacity: text.utf8.count + 2)
        appendQuoted(text, to: &bytes)
        return bytes.text
    }

    /// Appends `text` as a JSON string literal, quotes included, to `bytes` (UTF-8): the bytes
    /// of ``quoted(_:)``, without building a `String`.
    public static func appendQuoted(_ text: String, to bytes: inout JSONBuffer) {
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text` escaped for the inside of a JSON string literal, without quotes. Runs
    /// with nothing to escape, nearly all of a trace, are found eight bytes at a time and
    /// copied whole.
    public static func appendEscaped(_ text: String, to bytes: inout JSONBuffer) {
        // A native string (every key and value of a trace) lends its bytes in place; only
        // a bridged one is copied first.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            if !bytes.appendShortIfPlain(utf8) { appendEscaped(bytes: utf8, to: &bytes) }
        }
        if done == nil {
            var text = text
            text.withUTF8 { appendEscaped(bytes: $0, to: &bytes) }
        }
    }

    /// Appends the UTF-8 text `utf8` escaped for the inside of a JSON string literal, as
    /// ``appendEscaped(_:to:)`` escapes a `String`.
    public static func appendEscaped(bytes utf8: UnsafeBufferPointer<UInt8>, to bytes: inout JSONBuffer) {
        // A key, a value, a piece of notation: nearly always short, with nothing to escape.
        if bytes.appendShortIfPlain(utf8) { return }
        var plain = 0
        var index = 0
        while index < utf8.count {
            if index + 8 <= utf8.count {
                let word = UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if !JSONBuffer.mayNeedEscaping(word) {
                    index += 8
                    continue
                }
            }
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(UnsafeBufferPointer(rebasing: utf8[plain..<index]))
                appendEscaped(byte, to: &bytes)
                plain = index + 1
            }
            index += 1
        }
        bytes.append(UnsafeBufferPointer(rebasing: utf8[plain...]))
    }

    /// Appends the escape sequence of `byte`, a quote, a backslash or a control character.
    @usableFromInline
    static func appendEscaped(_ byte: UInt8, to bytes: inout JSONBuffer) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append("\\\"")
        case UInt8(ascii: "\\"): bytes.append("\\\\")
        case UInt8(ascii: "\n"): bytes.append("\\n")
        case UInt8(ascii: "\r"): bytes.append("\\r")
        case UInt8(ascii: "\t"): bytes.append("\\t")
        default:
            bytes.append("\\u00")
            bytes.append(hexDigit(byte >> 4))
            bytes.append(hexDigit(byte & 0xF))
        }
    }

    /// Appends the decimal digits of `value` (with a `-` if negative), as `String(value)` spells it.
    @inlinable
    public static func appendInteger(_ value: Int, to bytes: inout JSONBuffer) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        bytes.appendDigits(of: value.magnitude)
    }

    /// The lowercase hexadecimal digit of `value`, which is below 16.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

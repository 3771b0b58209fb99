/// A JSON value, as much of JSON as a trace line needs, parsed strictly (RFC 8259).
enum JSONValue {
    case string(String)
    /// A number written without fraction or exponent that fits in an `Int`.
    case integer(Int)
    /// Any other number, as written.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in the order written; keys are unique.
    case object([(key: String, value: JSONValue)])

    /// The value as an error message quotes it: short values in full, long strings cut.
    var quoted: String {
        switch self {
        case .string(let text): return quotedForMessage(Self.cut(text))
        case .integer(let number): return String(number)
        case .number(let text): return Self.cut(text)
        case .bool(let value): return String(value)
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// `text`, or its first 40 characters and an ellipsis.
    private static func cut(_ text: String) -> String {
        text.count > 40 ? text.prefix(40) + "…" : text
    }
}

/// What is wrong with one line of a trace: the ``TraceFileError/reason`` without the line.
struct LineProblem: Error {
    let reason: String
}

/// A recursive-descent parser over the UTF-8 bytes of one line.
struct JSONParser {
    private let bytes: ArraySlice<UInt8>
    private var index: Int
    private var depth = 0
    private static let maximumDepth = 64

    /// Parses `bytes` as exactly one JSON value, with optional whitespace around it.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(LineProblem) -> JSONValue {
        var parser = JSONParser(bytes: bytes, index: bytes.startIndex)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == bytes.endIndex else { throw parser.error("unexpected \(parser.found) after the value") }
        return value
    }

    private init(bytes: ArraySlice<UInt8>, index: Int) {
        self.bytes = bytes
        self.index = index
    }

    private var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    /// The byte at the current position, for an error message.
    private var found: String {
        guard let byte = current else { return "end of line" }
        return byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private func error(_ message: String) -> LineProblem {
        LineProblem(reason: "not JSON: \(message) at column \(index - bytes.startIndex + 1)")
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(LineProblem) {
        guard current == byte else { throw error("expected \(what), found \(found)") }
        index += 1
    }

    private mutating func value() throws(LineProblem) -> JSONValue {
        guard let byte = current else { throw error("expected a value, found end of line") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("expected a value, found \(found)")
        }
    }

    /// Counts one more level of nesting, so that a hostile line cannot exhaust the stack.
    private mutating func enter() throws(LineProblem) {
        guard depth < Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) deep") }
        depth += 1
    }

    private mutating func object() throws(LineProblem) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in quotes, found \(found)") }
            let keyStart = index
            let key = try string()
            guard !members.contains(where: { $0.key == key }) else {
                index = keyStart
                throw error("duplicate key \(quotedForMessage(key))")
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            members.append((key, try value()))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return .object(members)
        }
    }

    private mutating func array() throws(LineProblem) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value())
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return .array(elements)
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(LineProblem) -> JSONValue {
        for byte in word.utf8 {
            guard current == byte else { throw error("expected \(word), found \(found)") }
            index += 1
        }
        return value
    }

    private mutating func number() throws(LineProblem) -> JSONValue {
        let start = index
        var integral = true
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else {
            try digits()
        }
        if current == UInt8(ascii: ".") {
            integral = false
            index += 1
            try digits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let number = Int(text) { return .integer(number) }
        return .number(text)
    }

    private mutating func digits() throws(LineProblem) {
        guard let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
            throw error("expected a digit, found \(found)")
        }
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
    }

    /// Reads a string from its opening quote; an error in its encoding is reported at that
    /// quote, other errors where they are found.
    private mutating func string() throws(LineProblem) -> String {
        let opening = index
        index += 1
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { index += 1 }
        let text: String?
        if current == UInt8(ascii: "\"") {
            text = String(validating: bytes[opening + 1..<index], as: UTF8.self)
        } else {
            text = String(validating: try escapedString(from: opening + 1), as: UTF8.self)
        }
        guard let text else {
            index = opening
            throw error("string is not valid UTF-8")
        }
        index += 1
        return text
    }

    /// The bytes of a string with escapes, from `start` up to its closing quote, where it
    /// leaves the parser.
    private mutating func escapedString(from start: Int) throws(LineProblem) -> [UInt8] {
        var utf8 = Array(bytes[start..<index])
        while true {
            guard let byte = current else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                return utf8
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &utf8)
            case 0..<0x20:
                throw error("control character in a string (escape it)")
            default:
                utf8.append(byte)
                index += 1
            }
        }
    }

    private mutating func escape(into utf8: inout [UInt8]) throws(LineProblem) {
        guard let byte = current else { throw error("unterminated string") }
        if let replacement = Self.escapes[byte] {
            utf8.append(replacement)
            index += 1
            return
        }
        guard byte == UInt8(ascii: "u") else { throw error("unknown escape: backslash before \(found)") }
        index += 1
        let start = index - 2
        var scalar = try hexQuad()
        if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"), bytes[index...].dropFirst().first == UInt8(ascii: "u") {
            index += 2
            let low = try hexQuad()
            if (0xDC00..<0xE000).contains(low) { scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) }
        }
        guard let unicode = Unicode.Scalar(scalar) else {
            index = start
            throw error("unpaired surrogate in a \\u escape")
        }
        utf8.append(contentsOf: String(unicode).utf8)
    }

    /// The byte each one-character escape stands for: `\n` is 0x0A, and so on.
    private static let escapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    private mutating func hexQuad() throws(LineProblem) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexDigit(byte) else { throw error("expected four hex digits after \\u") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// `text` in double quotes, with quotes, backslashes, control characters and line separators
/// escaped so that an error message stays on one line.
func quotedForMessage(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"", "\\": result += "\\" + String(scalar)
        case _ where scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029:
            let hex = String(scalar.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

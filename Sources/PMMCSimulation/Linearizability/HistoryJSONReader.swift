import PMMC
import PMMCTrace

/// A field's value as read. The format's fields hold only strings, integers and null, so
/// the reader never builds anything larger.
enum HistoryScalar {
    case string(String)
    case integer(Int)
    case null
    /// Any other JSON value, as an error message names it: `true`, `1.5`, `an object`.
    /// An object or array is named at its opening bracket and not read further.
    case other(String)

    /// The value as an error message shows it, long strings cut to 40 characters.
    var found: String {
        switch self {
        case .string(let text): JSONText.quoted(text.count > 40 ? text.prefix(40) + "…" : text)
        case .integer(let number): String(number)
        case .null: "null"
        case .other(let name): name
        }
    }
}

/// Reads the history format (``KeyValueHistory/json``) from the UTF-8 of a string, strictly
/// (RFC 8259), stopping at the first problem with its position.
struct HistoryJSONReader {
    private let bytes: [UInt8]
    private var index = 0
    /// The array element being read, for errors.
    private var element: Int?

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Reads the whole text as one array of operations.
    mutating func operations() throws(KeyValueHistoryFormatError) -> [KeyValueHistory.Operation] {
        skipWhitespace()
        let start = index
        guard current == UInt8(ascii: "[") else { throw failure(.notAnArray(found: try scalar().found), at: start) }
        index += 1
        var operations: [KeyValueHistory.Operation] = []
        try list(closing: "]", of: "an operation") { reader throws(KeyValueHistoryFormatError) in
            reader.element = operations.count
            operations.append(try reader.operation())
            reader.element = nil
        }
        skipWhitespace()
        guard index == bytes.count else { throw syntax("\(found) after the closing ']' of the history") }
        return operations
    }

    // MARK: Operations

    /// Reads one element: an object with the fields of ``HistoryField``.
    private mutating func operation() throws(KeyValueHistoryFormatError) -> KeyValueHistory.Operation {
        let start = index
        guard current == UInt8(ascii: "{") else { throw failure(.notAnObject(found: try scalar().found), at: start) }
        index += 1
        var fields = Fields()
        try list(closing: "}", of: "a field") { reader throws(KeyValueHistoryFormatError) in try reader.field(into: &fields) }
        do {
            return try fields.operation()
        } catch {
            throw failure(error.problem, at: error.position ?? start)
        }
    }

    /// Reads one `"name": value` pair into `fields`, checking the name and the value's type.
    private mutating func field(into fields: inout Fields) throws(KeyValueHistoryFormatError) {
        let nameStart = index
        guard current == UInt8(ascii: "\"") else { throw syntax("expected a field name in quotes, found \(found)") }
        let name = try string()
        guard let field = HistoryField(rawValue: name) else { throw failure(.unknownField(name), at: nameStart) }
        guard fields.positions[field] == nil else { throw failure(.duplicateField(name), at: nameStart) }
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "':' after a field name")
        skipWhitespace()
        let valueStart = index
        fields.positions[field] = valueStart
        let value = try scalar()
        switch (field, value) {
        case (.client, .integer(let client)):
            guard client >= 0 else { throw failure(.negativeClient(client), at: valueStart) }
            fields.client = client
        case (.op, .string(let op)):
            guard ["put", "get", "append"].contains(op) else { throw failure(.unknownOperation(op), at: valueStart) }
            fields.op = op
        case (.key, .string(let key)): fields.key = key
        case (.value, .string(let value)): fields.value = value
        case (.output, .string(let output)): fields.output = output
        case (.call, .integer(let call)): fields.call = call
        case (.return, .integer(let returned)): fields.return = returned
        case (.output, .null), (.return, .null): fields.positions[field] = nil
        default: throw failure(.wrongType(field: name, expected: field.expected, found: value.found), at: valueStart)
        }
    }

    /// The fields of one element as read, with where each value starts.
    private struct Fields {
        var client: Int?
        var op: String?
        var key: String?
        var value: String?
        var output: String?
        var call: Int?
        var `return`: Int?
        /// Where each field's value starts; a field given as null has none.
        var positions: [HistoryField: Int] = [:]

        /// The operation the fields describe.
        /// - Throws: the first problem, at the value at fault (for a missing field, nowhere).
        func operation() throws(FieldProblem) -> KeyValueHistory.Operation {
            guard let client else { throw FieldProblem(.missingField("client")) }
            guard let op else { throw FieldProblem(.missingField("op")) }
            guard let key else { throw FieldProblem(.missingField("key")) }
            let input: KeyValueStore.Operation
            switch (op, value) {
            case ("get", nil), ("get", ""): input = .get(key: key)
            case ("get", let value?): throw FieldProblem(.valueOnGet(value), at: positions[.value])
            case (_, nil): throw FieldProblem(.missingField("value"))
            case ("put", let value?): input = .put(key: key, value: value)
            case (_, let value?): input = .append(key: key, value: value)
            }
            if self.return != nil, output == nil { throw FieldProblem(.missingField("output")) }
            guard let call else { throw FieldProblem(.missingField("call")) }
            if self.return == nil, output != nil { throw FieldProblem(.outputWithoutReturn, at: positions[.output]) }
            if let returned = self.return, returned < call {
                throw FieldProblem(.returnBeforeCall(call: call, return: returned), at: positions[.return])
            }
            return KeyValueHistory.Operation(client: client, input: input, output: output, call: call, return: self.return)
        }
    }

    /// A problem with an element's fields, and where the value at fault starts (`nil` for a
    /// missing field, which the reader reports at the element's start).
    private struct FieldProblem: Error {
        let problem: KeyValueHistoryFormatError.Problem
        let position: Int?

        init(_ problem: KeyValueHistoryFormatError.Problem, at position: Int? = nil) {
            self.problem = problem
            self.position = position
        }
    }

    // MARK: JSON values

    /// Reads items separated by commas up to the `closing` bracket, the opening one read
    /// already; `item` reads one item, `name` says what an item is in an error message.
    private mutating func list(
        closing: Unicode.Scalar, of name: String, _ item: (inout HistoryJSONReader) throws(KeyValueHistoryFormatError) -> Void
    ) throws(KeyValueHistoryFormatError) {
        skipWhitespace()
        if current == UInt8(ascii: closing) {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try item(&self)
            skipWhitespace()
            guard current == UInt8(ascii: ",") else { break }
            index += 1
        }
        try expect(UInt8(ascii: closing), "',' or '\(closing)' after \(name)")
    }

    /// Reads a string, number or literal; names an object or array without reading it.
    private mutating func scalar() throws(KeyValueHistoryFormatError) -> HistoryScalar {
        guard let byte = current else { throw syntax("expected a value, found \(found)") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        case UInt8(ascii: "{"): return .other("an object")
        case UInt8(ascii: "["): return .other("an array")
        case UInt8(ascii: "t"): return try literal("true", .other("true"))
        case UInt8(ascii: "f"): return try literal("false", .other("false"))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: throw syntax("expected a value, found \(found)")
        }
    }

    private mutating func literal(_ word: String, _ value: HistoryScalar) throws(KeyValueHistoryFormatError) -> HistoryScalar {
        let start = index
        for byte in word.utf8 {
            guard current == byte else { throw failure(.syntax("expected \(word)"), at: start) }
            index += 1
        }
        return value
    }

    /// Reads a number: the longest run of the characters numbers are written with. The
    /// format's numbers are all integers, so only an integer as JSON writes it (no `+`, no
    /// leading zero) that fits in 64 bits is read as one; any other run (`1.5`, `1e3`, `007`)
    /// is `.other`, which the caller reports as the wrong type.
    private mutating func number() -> HistoryScalar {
        let start = index
        while let byte = current, Self.isNumberByte(byte) { index += 1 }
        let run = bytes[start..<index]
        let text = String(decoding: run, as: UTF8.self)
        let digits = run.first == UInt8(ascii: "-") ? run.dropFirst() : run
        let written = !digits.isEmpty && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            && (digits.count == 1 || digits.first != UInt8(ascii: "0"))
        if written, let number = Int(text) { return .integer(number) }
        return .other(text)
    }

    /// Whether `byte` is one a JSON number is written with.
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    /// Reads a string from its opening quote to just past its closing one.
    private mutating func string() throws(KeyValueHistoryFormatError) -> String {
        let opening = index
        index += 1
        var utf8: [UInt8] = []
        var run = index
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                utf8 += bytes[run..<index]
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                utf8 += bytes[run..<index]
                try escape(into: &utf8)
                run = index
            case 0..<0x20:
                throw syntax("a control character in a string must be escaped")
            default:
                index += 1
            }
        }
        throw failure(.syntax("the string that starts here never ends"), at: opening)
    }

    /// Reads one escape from its backslash and appends the UTF-8 of what it stands for.
    private mutating func escape(into utf8: inout [UInt8]) throws(KeyValueHistoryFormatError) {
        let start = index
        index += 1
        let simple: UInt8
        switch current {
        case let byte? where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/"): simple = byte
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            index += 1
            var value = try hexQuad()
            if (0xD800..<0xDC00).contains(value) {
                var low: UInt32 = 0
                if bytes[index...].starts(with: "\\u".utf8) {
                    index += 2
                    low = try hexQuad()
                }
                guard (0xDC00..<0xE000).contains(low) else {
                    throw failure(.syntax("a \\u escape of a high surrogate must be followed by one of a low surrogate"), at: start)
                }
                value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw failure(.syntax("a \\u escape of a low surrogate must follow one of a high surrogate"), at: start)
            }
            utf8 += String(scalar).utf8
            return
        default:
            throw failure(.syntax("unknown escape: backslash before \(found)"), at: start)
        }
        utf8.append(simple)
        index += 1
    }

    /// Reads the four hex digits of a `\u` escape.
    private mutating func hexQuad() throws(KeyValueHistoryFormatError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = UInt32(String(Unicode.Scalar(byte)), radix: 16) else {
                throw syntax("expected four hex digits after \\u, found \(found)")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: Position and errors

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The character at the current position, as an error message names it.
    private var found: String {
        guard let byte = current else { return "the end of the text" }
        if (0x21..<0x7F).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        let scalar = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self).unicodeScalars.first!
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(KeyValueHistoryFormatError) {
        guard current == byte else { throw syntax("expected \(what), found \(found)") }
        index += 1
    }

    private func syntax(_ reason: String) -> KeyValueHistoryFormatError {
        failure(.syntax(reason), at: index)
    }

    /// `problem` at byte `offset`, with its line and column.
    private func failure(_ problem: KeyValueHistoryFormatError.Problem, at offset: Int) -> KeyValueHistoryFormatError {
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].count { $0 == 0x0A } + 1
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return KeyValueHistoryFormatError(element: element, line: line, column: column, problem: problem)
    }
}

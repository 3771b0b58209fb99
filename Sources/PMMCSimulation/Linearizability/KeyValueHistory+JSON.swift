import PMMC
import PMMCTrace

extension KeyValueHistory {
    /// The history as a JSON array, one operation per line, fields in a fixed order:
    ///
    /// ```json
    /// [
    ///   {"client":0,"op":"put","key":"k","value":"a","output":"","call":0,"return":10},
    ///   {"client":1,"op":"get","key":"k","output":"a","call":5,"return":12},
    ///   {"client":2,"op":"append","key":"k","value":"b","call":20}
    /// ]
    /// ```
    ///
    /// A get has no `value`; an operation that never returned has neither `output` nor
    /// `return`. Strings are escaped as in traces (``JSONText/quoted(_:)``), so the text is
    /// the same byte for byte every time.
    public var json: String {
        guard !operations.isEmpty else { return "[]\n" }
        return "[\n" + operations.map { "  " + $0.json }.joined(separator: ",\n") + "\n]\n"
    }

    /// Reads a history in the format of ``json``, strictly.
    ///
    /// Fields may come in any order and with any white space between them. Beyond what
    /// ``json`` writes, a get may carry `"value":""`, and `output` and `return` may be
    /// `null`, which means absent. Anything else is an error: a field unknown, repeated,
    /// missing or of the wrong type, an op other than put, get and append, a negative
    /// client, a return before its call, an output without a return.
    ///
    /// - Throws: ``KeyValueHistoryFormatError`` naming the first problem, the element it is
    ///   in, and its line and column.
    public init(json: String) throws(KeyValueHistoryFormatError) {
        var reader = HistoryJSONReader(json)
        self.init(try reader.operations())
    }
}

extension KeyValueHistory.Operation {
    /// The operation as one JSON object, in the field order of ``HistoryField``.
    var json: String {
        var text = "{\"client\":\(client),\"op\":\"\(HistoryField.opName(input))\",\"key\":\(JSONText.quoted(input.key))"
        switch input {
        case .put(_, let value), .append(_, let value): text += ",\"value\":" + JSONText.quoted(value)
        case .get: break
        }
        if let output { text += ",\"output\":" + JSONText.quoted(output) }
        text += ",\"call\":\(call)"
        if let returned = self.return { text += ",\"return\":\(returned)" }
        return text + "}"
    }
}

/// The fields of an operation in the history format, in the order ``KeyValueHistory/json``
/// writes them.
enum HistoryField: String, CaseIterable {
    case client, op, key, value, output, call, `return`

    /// What the field holds, in the words of an error message.
    var expected: String {
        switch self {
        case .client, .call: "an integer"
        case .return: "an integer or null"
        case .op, .key, .value: "a string"
        case .output: "a string or null"
        }
    }

    /// The name of `input`'s kind in the `op` field.
    static func opName(_ input: KeyValueStore.Operation) -> String {
        switch input {
        case .put: "put"
        case .get: "get"
        case .append: "append"
        }
    }
}

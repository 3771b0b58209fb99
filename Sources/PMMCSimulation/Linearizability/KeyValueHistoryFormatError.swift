import PMMCTrace

/// Why a text is not a key-value history in the JSON format of ``KeyValueHistory/json``, and
/// where: the first problem found, reading from the start.
public struct KeyValueHistoryFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Hashable, Sendable {
        /// The text is not JSON there (or not the part of JSON the format uses): what was
        /// expected and what was found.
        case syntax(String)
        /// The text is JSON, but not an array; what it is instead.
        case notAnArray(found: String)
        /// An element of the array is not an object; what it is instead.
        case notAnObject(found: String)
        /// An element has a field the format does not define.
        case unknownField(String)
        /// An element has the same field twice.
        case duplicateField(String)
        /// An element lacks a field it needs: `client`, `op`, `key` and `call` always,
        /// `value` for a put or append, `output` when it has a `return`.
        case missingField(String)
        /// A field holds a value of the wrong type: the field, what it takes, what it holds.
        case wrongType(field: String, expected: String, found: String)
        /// `op` is not `put`, `get` or `append`.
        case unknownOperation(String)
        /// `client` is below 0.
        case negativeClient(Int)
        /// `return` is before `call`.
        case returnBeforeCall(call: Int, return: Int)
        /// A get carries a non-empty `value`.
        case valueOnGet(String)
        /// An operation without `return` has an `output`.
        case outputWithoutReturn
    }

    /// The index, from 0, of the array element at fault; `nil` for a problem outside any
    /// element.
    public let element: Int?
    /// The line, from 1, where the problem was found.
    public let line: Int
    /// The column, from 1, in characters.
    public let column: Int
    /// What is wrong.
    public let problem: Problem

    /// The error as one line: `line 4, column 12: element 2: "call" must be an integer,
    /// found "7"`.
    public var description: String {
        "line \(line), column \(column): " + (element.map { "element \($0): " } ?? "") + problem.description
    }
}

extension KeyValueHistoryFormatError.Problem: CustomStringConvertible {
    /// The problem in words, on one line.
    public var description: String {
        switch self {
        case .syntax(let reason): "not JSON: \(reason)"
        case .notAnArray(let found): "a history must be a JSON array of operations, found \(found)"
        case .notAnObject(let found): "an operation must be a JSON object, found \(found)"
        case .unknownField(let name):
            "unknown field \(JSONText.quoted(name)) (the fields are \(HistoryField.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .duplicateField(let name): "field \(JSONText.quoted(name)) appears twice"
        case .missingField(let name): "missing field \(JSONText.quoted(name))"
        case .wrongType(let field, let expected, let found): "\(JSONText.quoted(field)) must be \(expected), found \(found)"
        case .unknownOperation(let name): "unknown op \(JSONText.quoted(name)) (the ops are put, get and append)"
        case .negativeClient(let client): "\"client\" must not be negative, found \(client)"
        case .returnBeforeCall(let call, let returned): "\"return\" \(returned) is before \"call\" \(call)"
        case .valueOnGet(let value): "a get has no value, found \(JSONText.quoted(value))"
        case .outputWithoutReturn: "an operation without \"return\" has no \"output\""
        }
    }
}

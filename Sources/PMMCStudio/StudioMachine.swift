import Foundation
import PMMC
import PMMCTeaching

/// A state machine the studio can drive: it reads an operation a student types and writes
/// operations and outputs as Swift source for an exported test.
public protocol StudioMachine: StateMachine {
    /// The type's name in Swift source, e.g. `Labels`.
    static var swiftName: String { get }
    /// What the page suggests typing, e.g. `put k1 v1`.
    static var operationExample: String { get }
    /// The operation `text` names, or `nil` when it names none.
    static func operation(parsing text: String) -> Operation?
    /// `operation` as a Swift expression.
    static func swiftLiteral(_ operation: Operation) -> String
    /// `output` as a Swift expression.
    static func swiftLiteral(output: Output) -> String
}

extension Labels: StudioMachine {
    public static var swiftName: String { "Labels" }
    public static var operationExample: String { "A" }

    /// A label: one word of letters and digits.
    public static func operation(parsing text: String) -> String? {
        let label = text.trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty, label.count <= 16, label.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        return label
    }

    public static func swiftLiteral(_ operation: String) -> String { SwiftLiteral.string(operation) }
    public static func swiftLiteral(output: String) -> String { SwiftLiteral.string(output) }
}

extension KeyValueStore: StudioMachine {
    public static var swiftName: String { "KeyValueStore" }
    public static var operationExample: String { "put k1 v1" }

    /// `put KEY VALUE`, `get KEY` or `append KEY VALUE`, words separated by spaces.
    public static func operation(parsing text: String) -> Operation? {
        let words = text.split(separator: " ").map(String.init)
        switch (words.first?.lowercased(), words.count) {
        case ("put", 3): return .put(key: words[1], value: words[2])
        case ("get", 2): return .get(key: words[1])
        case ("append", 3): return .append(key: words[1], value: words[2])
        default: return nil
        }
    }

    public static func swiftLiteral(_ operation: Operation) -> String {
        switch operation {
        case .put(let key, let value): ".put(key: \(SwiftLiteral.string(key)), value: \(SwiftLiteral.string(value)))"
        case .get(let key): ".get(key: \(SwiftLiteral.string(key)))"
        case .append(let key, let value): ".append(key: \(SwiftLiteral.string(key)), value: \(SwiftLiteral.string(value)))"
        }
    }

    public static func swiftLiteral(output: String) -> String { SwiftLiteral.string(output) }
}

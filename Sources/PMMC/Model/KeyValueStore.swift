/// The built-in replicated application: a map from string keys to string values.
///
/// A missing key reads as `""`. `put` and `append` answer `""`; `get` answers the value.
/// Operations print as in the lecture slides: `Put k1 v1`, `Get k1`, `App k1 v1`.
public struct KeyValueStore: StateMachine, Hashable {
    public enum Operation: Hashable, Sendable, CustomStringConvertible {
        case put(key: String, value: String)
        case get(key: String)
        case append(key: String, value: String)

        /// The key the operation touches.
        public var key: String {
            switch self {
            case .put(let key, _), .get(let key), .append(let key, _): return key
            }
        }

        public var description: String {
            switch self {
            case .put(let key, let value): return "Put \(key) \(value)"
            case .get(let key): return "Get \(key)"
            case .append(let key, let value): return "App \(key) \(value)"
            }
        }
    }

    public typealias Output = String

    /// The current contents.
    public private(set) var storage: [String: String] = [:]

    public init() {}

    /// The operation's inline size plus the bytes of its key and value.
    public static func approximateBytes(of operation: Operation) -> Int {
        switch operation {
        case .put(let key, let value), .append(let key, let value):
            MemoryLayout<Operation>.size + key.utf8.count + value.utf8.count
        case .get(let key):
            MemoryLayout<Operation>.size + key.utf8.count
        }
    }

    /// Writes the operation as ``Operation/description`` spells it, piece by piece.
    public static func writeNotation(of operation: Operation, to output: inout some NotationOutput & ~Copyable) {
        switch operation {
        case .put(let key, let value): output.write("Put "); output.write(text: key); output.write(" "); output.write(text: value)
        case .get(let key): output.write("Get "); output.write(text: key)
        case .append(let key, let value): output.write("App "); output.write(text: key); output.write(" "); output.write(text: value)
        }
    }

    /// Compares only the keys that `operations` put or append to: nothing else can have changed
    /// since the two stores were equal.
    public func isEqual(to other: Self, sinceApplying operations: [Operation]) -> Bool {
        for operation in operations {
            switch operation {
            case .put(let key, _), .append(let key, _):
                guard storage[key] == other.storage[key] else { return false }
            case .get:
                continue
            }
        }
        return true
    }

    public mutating func apply(_ operation: Operation) -> String {
        switch operation {
        case .put(let key, let value):
            storage[key] = value
            return ""
        case .get(let key):
            return storage[key, default: ""]
        case .append(let key, let value):
            storage[key, default: ""] += value
            return ""
        }
    }
}

import PMMC
import PMMCTrace

/// A history of key-value operations as the clients saw them: what each asked, when it asked,
/// and when (if ever) and what it was answered. The input of
/// ``checkLinearizability(stepLimit:)``.
///
/// Times are integers on any one clock: a simulation's virtual ticks, or nanoseconds of a
/// real run. An operation that never returned may or may not have taken effect.
///
/// ```swift
/// let history = KeyValueHistory([
///     .init(client: 0, input: .put(key: "k", value: "a"), output: "", call: 0, return: 10),
///     .init(client: 1, input: .get(key: "k"), output: "a", call: 5, return: 12),
/// ])
/// history.checkLinearizability().description    // "linearizable"
/// ```
public struct KeyValueHistory: Hashable, Sendable {
    /// One client call: a put, get or append on one key, with its call and return times.
    public struct Operation: Hashable, Sendable, CustomStringConvertible {
        /// The client's number (`0` for `c0`).
        public let client: Int
        /// What the client asked.
        public let input: KeyValueStore.Operation
        /// What the client was answered: the value read for a get (`""` for a missing key),
        /// whatever the store acknowledged for a put or append. `nil` exactly when the
        /// operation never returned.
        public let output: String?
        /// When the client sent the request.
        public let call: Int
        /// When the answer arrived; `nil` if it never did.
        public let `return`: Int?

        /// An operation. A pending one (`return` `nil`) has no output.
        ///
        /// - Precondition: `client` is not negative; `return`, if given, is not before
        ///   `call`; `output` is `nil` exactly when `return` is.
        public init(client: Int, input: KeyValueStore.Operation, output: String?, call: Int, return: Int?) {
            precondition(client >= 0, "client \(client) is negative")
            precondition(`return`.map { $0 >= call } ?? true, "return \(`return`!) is before call \(call)")
            precondition((output == nil) == (`return` == nil), "an output comes with a return, and only with one")
            self.client = client
            self.input = input
            self.output = output
            self.call = call
            self.return = `return`
        }

        /// Whether the operation returned.
        public var isComplete: Bool { self.return != nil }

        /// The operation on one line, strings quoted: `c1 get("k") [5, 12] → "a"`, and for
        /// one that never returned `c0 put("k", "b") [20, –]`.
        public var description: String {
            let arguments: String
            switch input {
            case .put(let key, let value): arguments = "put(\(JSONText.quoted(key)), \(JSONText.quoted(value)))"
            case .get(let key): arguments = "get(\(JSONText.quoted(key)))"
            case .append(let key, let value): arguments = "append(\(JSONText.quoted(key)), \(JSONText.quoted(value)))"
            }
            guard let returned = self.return, let output else { return "c\(client) \(arguments) [\(call), –]" }
            return "c\(client) \(arguments) [\(call), \(returned)] → \(JSONText.quoted(output))"
        }
    }

    /// The operations, in any order (a simulation lists them in the order called).
    public var operations: [Operation]

    /// A history of `operations`.
    public init(_ operations: [Operation]) {
        self.operations = operations
    }
}

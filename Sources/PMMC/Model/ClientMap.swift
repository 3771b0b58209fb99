/// A map from process ids to values, for what a replica keeps per client: the request each
/// client has waiting, and each client's session. It reads like the dictionary
/// `[ProcessID: Value]` it replaces (`map[client]`, `map[client] = nil`, `==`), but keeps the
/// values of clients `c0`, `c1`, … in an array indexed by the client's number, so that a
/// lookup is an index, not a hash; any other id goes to a dictionary. The array ends at its
/// last value, so that maps with the same contents are equal.
public struct ClientMap<Value: Hashable & Sendable>: Hashable, Sendable {
    /// The value of client `index`, or `nil`; never ends with `nil`.
    private var byClient: [Value?] = []
    private var others: [ProcessID: Value] = [:]

    /// An empty map.
    public init() {}

    /// The value of `id`, or `nil`; setting `nil` removes it.
    public subscript(id: ProcessID) -> Value? {
        get {
            guard case .client(let index) = id, index >= 0 else { return others[id] }
            return index < byClient.count ? byClient[index] : nil
        }
        set {
            guard case .client(let index) = id, index >= 0 else { return others[id] = newValue }
            if index < byClient.count {
                byClient[index] = newValue
                while let last = byClient.last, last == nil { byClient.removeLast() }
            } else if let newValue {
                byClient.append(contentsOf: repeatElement(nil, count: index - byClient.count))
                byClient.append(newValue)
            }
        }
    }

    /// Whether no id has a value.
    public var isEmpty: Bool { byClient.isEmpty && others.isEmpty }

    /// The map with `transform` applied to each value.
    public func mapValues<Transformed>(_ transform: (Value) -> Transformed) -> ClientMap<Transformed> {
        var mapped = ClientMap<Transformed>()
        mapped.byClient = byClient.map { $0.map(transform) }
        mapped.others = others.mapValues(transform)
        return mapped
    }

    /// The entries for which `isIncluded` holds.
    public func filter(_ isIncluded: (ProcessID, Value) -> Bool) -> ClientMap {
        var kept = ClientMap()
        for (index, value) in byClient.enumerated() {
            if let value, isIncluded(.client(index), value) { kept[.client(index)] = value }
        }
        kept.others = others.filter { isIncluded($0.key, $0.value) }
        return kept
    }
}

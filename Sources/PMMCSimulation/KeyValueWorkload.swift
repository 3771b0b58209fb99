import PMMC
import PMMCHost

/// Random key-value workloads for simulations and benchmarks, reproducible from a seed.
public enum KeyValueWorkload {
    /// `count` operations over keys `k0…k(keys−1)`: roughly a third each of put, get and
    /// append. Every put and append writes a value used nowhere else (`v1`, `v2`, …), so a
    /// checker can tell exactly which writes took effect and how many times.
    public static func random(count: Int, keys: Int, seed: UInt64) -> [KeyValueStore.Operation] {
        var generator = KeyValueWorkloadGenerator(keys: keys, seed: seed)
        return (0..<max(count, 0)).map { _ in generator.next()! }
    }
}

extension KeyValueWorkload {
    /// `count` operations on keys `k0…k(keys−1)`: about three appends for every get, no puts.
    /// The appends write `v<firstValue>`, `v<firstValue + 1>`, …, each value once, so the final
    /// value of a key tells exactly which appends took effect and how often. Reproducible from
    /// `seed`.
    public static func appends(count: Int, keys: Int, seed: UInt64, firstValue: Int = 1) -> [KeyValueStore.Operation] {
        precondition(keys >= 1, "a workload needs at least one key")
        var random = SeededRandom(seed: seed ^ 0xA99E_4D00)
        return (0..<count).map { index in
            let key = "k\(random.uniform(in: 0...keys - 1))"
            return random.uniform(in: 0...3) == 0
                ? .get(key: key)
                : .append(key: key, value: "v\(firstValue + index)")
        }
    }

    /// The values written into `value` by workloads whose values are `v<number>`, such as
    /// ``random(count:keys:seed:)`` and ``appends(count:keys:seed:firstValue:)``, in order:
    /// `"v3v17v4"` gives `["v3", "v17", "v4"]`.
    public static func writtenValues(in value: String) -> [String] {
        value.split(separator: "v").map { "v" + $0 }
    }
}

extension KeyValueWorkload {
    /// `count` operations on keys `k0…k(keys−1)`: about two puts for every get, each put
    /// writing a value of exactly `valueSize` bytes (`v<number>` padded with dots, or cut to
    /// `valueSize` when that is shorter), so the application's state stays the size of
    /// `keys` values however long the run. For retained-state measures. Reproducible from
    /// `seed`.
    public static func sized(count: Int, keys: Int, valueSize: Int, seed: UInt64) -> [KeyValueStore.Operation] {
        var generator = KeyValueWorkloadGenerator(keys: keys, valueSize: valueSize, seed: seed)
        return (0..<max(count, 0)).map { _ in generator.next()! }
    }
}

/// The operations of ``KeyValueWorkload/random(count:keys:seed:)`` or, with a value size, of
/// ``KeyValueWorkload/sized(count:keys:valueSize:seed:)``, one at a time and without end, so
/// that a long run can be fed as it goes instead of holding its whole workload.
public struct KeyValueWorkloadGenerator: IteratorProtocol, Sendable {
    private var random: SeededRandom
    private let keys: Int
    private let valueSize: Int?
    /// How many operations were generated so far.
    public private(set) var generated = 0

    /// The workload of `random(count:keys:seed:)`, or of `sized(…)` when `valueSize` is given.
    public init(keys: Int, valueSize: Int? = nil, seed: UInt64) {
        precondition(keys >= 1, "a workload needs at least one key")
        precondition((valueSize ?? 1) >= 1, "values need at least one byte")
        self.keys = keys
        self.valueSize = valueSize
        self.random = SeededRandom(seed: seed ^ (valueSize == nil ? 0x5EED_0F_C11E_475 : 0x512E_D0A7))
    }

    public mutating func next() -> KeyValueStore.Operation? {
        generated += 1
        let key = "k\(random.uniform(in: 0...keys - 1))"
        let choice = random.uniform(in: 0...2)
        let label = "v\(generated)"
        guard let valueSize else {
            switch choice {
            case 0: return .put(key: key, value: label)
            case 1: return .get(key: key)
            default: return .append(key: key, value: label)
            }
        }
        guard choice != 0 else { return .get(key: key) }
        let value = label.count >= valueSize
            ? String(label.prefix(valueSize))
            : label + String(repeating: ".", count: valueSize - label.count)
        return .put(key: key, value: value)
    }
}

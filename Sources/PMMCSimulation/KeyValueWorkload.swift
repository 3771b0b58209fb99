import PMMC
import PMMCHost

/// Random key-value workloads for simulations and benchmarks, reproducible from a seed.
public enum KeyValueWorkload {
    /// `count` operations over keys `k0…k(keys−1)`: roughly a third each of put, get and
    /// append. Every put and append writes a value used nowhere else (`v1`, `v2`, …), so a
    /// checker can tell exactly which writes took effect and how many times.
    public static func random(count: Int, keys: Int, seed: UInt64) -> [KeyValueStore.Operation] {
        precondition(keys >= 1, "a workload needs at least one key")
        var random = SeededRandom(seed: seed ^ 0x5EED_0F_C11E_475)
        return (1...max(count, 1)).prefix(count).map { number in
            let key = "k\(random.uniform(in: 0...keys - 1))"
            switch random.uniform(in: 0...2) {
            case 0: return .put(key: key, value: "v\(number)")
            case 1: return .get(key: key)
            default: return .append(key: key, value: "v\(number)")
            }
        }
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
        precondition(keys >= 1, "a workload needs at least one key")
        precondition(valueSize >= 1, "values need at least one byte")
        var random = SeededRandom(seed: seed ^ 0x512E_D0A7)
        return (0..<count).map { index in
            let key = "k\(random.uniform(in: 0...keys - 1))"
            guard random.uniform(in: 0...2) != 0 else { return .get(key: key) }
            let label = "v\(index + 1)"
            let value = label.count >= valueSize
                ? String(label.prefix(valueSize))
                : label + String(repeating: ".", count: valueSize - label.count)
            return .put(key: key, value: value)
        }
    }
}

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

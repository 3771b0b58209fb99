import Foundation
import PMMC
import PMMCSimulation
import Synchronization

/// `pmmc sweep`: many seeds of one fault profile, on every core, each run checked.
struct SweepCommand {
    static let usage = """
        USAGE: pmmc sweep --seeds A..B --profile NAME [options]

        Runs the simulator once per seed from A to B with a fault profile, on every core, and
        checks each run: the invariants R1-R5, A1-A5 and C1 held throughout; every operation
        completed (the profiles' faults heal, and crash a majority only to restart it); the
        replicas' logs agree; and the clients' history is linearizable. It stops at the first
        failure and prints the seed and the 'pmmc simulate' command that repeats that run,
        with a trace to draw.

        SEEDS AND PROFILE
          --seeds A..B          the seeds, inclusive (e.g. 1..10000)
          --profile NAME        none, lossy, reorder, partitions, crashes, chaos,
                                crash-restart or naive (crash-restart: every replica,
                                leader and acceptor crashes once and restarts with its
                                state; naive: leaders without failure detection, no faults)
          --shard I/N           run only the I-th of N equal shares of the seeds (seeds
                                A+I-1, A+I-1+N, …), so that N machines split a sweep
        EACH RUN
          --operations N        client operations per run (default 100), mostly appends
          --keys N              distinct keys (default 3)
          --replicas N, --leaders N, --acceptors N, --clients N
                                the cluster (default 2, 2, 3, 3)
          --time-limit N        virtual ticks a run may take (default 200,000)
        OUTPUT
          --jobs N              runs at a time (default: the number of cores)
          --json FILE           write the result as JSON to FILE, for merging shards
          --progress            report runs done, runs/s and time left on standard error
          -h, --help            show this help

        Exit status: 0 when every run passed, 1 when one failed, 2 for bad usage.
        """

    let seeds: ClosedRange<UInt64>
    let profile: SweepProfile
    let shard: (index: Int, count: Int)
    let operations: Int
    let keys: Int
    let cluster: SimulationOptions
    let timeLimit: Int
    let jobs: Int
    let jsonPath: String?
    let progress: Bool

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        guard let range = try reader.value("--seeds") else { throw UsageError(message: "give the seeds, e.g. --seeds 1..1000") }
        seeds = try Self.seedRange(range)
        guard let name = try reader.value("--profile") else {
            throw UsageError(message: "give a profile: --profile " + SweepProfile.allCases.map(\.rawValue).joined(separator: "|"))
        }
        guard let profile = SweepProfile(rawValue: name) else {
            throw UsageError(message: "unknown profile '\(name)'; the profiles are " + SweepProfile.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.profile = profile
        shard = try (reader.value("--shard")).map { text throws(UsageError) in try Self.shard(text) } ?? (1, 1)
        operations = try reader.integer("--operations", default: 100, in: 1...1_000_000)
        keys = try reader.integer("--keys", default: 3, in: 1...1_000)
        var cluster = SimulationOptions()
        cluster.replicas = try reader.integer("--replicas", default: 2, in: 1...99)
        cluster.leaders = try reader.integer("--leaders", default: 2, in: 1...99)
        cluster.acceptors = try reader.integer("--acceptors", default: 3, in: 1...99)
        cluster.clients = try reader.integer("--clients", default: 3, in: 1...1_000)
        self.cluster = cluster
        timeLimit = try reader.integer("--time-limit", default: 200_000, in: 1...100_000_000)
        jobs = try reader.integer("--jobs", default: ProcessInfo.processInfo.activeProcessorCount, in: 1...1_024)
        jsonPath = try reader.value("--json")
        progress = try reader.flag("--progress")
        let extra = reader.operands()
        try reader.finish()
        if let first = extra.first { throw UsageError(message: "unexpected argument '\(first)'") }
    }

    /// `A..B`, with A ≤ B.
    private static func seedRange(_ text: String) throws(UsageError) -> ClosedRange<UInt64> {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].isEmpty, let low = UInt64(parts[0]), let high = UInt64(parts[2]), low <= high else {
            throw UsageError(message: "--seeds takes A..B with A <= B, such as 1..1000, got '\(text)'")
        }
        return low...high
    }

    /// `I/N`, with 1 ≤ I ≤ N.
    private static func shard(_ text: String) throws(UsageError) -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw UsageError(message: "--shard takes I/N with 1 <= I <= N, such as 2/8, got '\(text)'")
        }
        return (index, count)
    }

    /// This shard's seeds, in order.
    var shardSeeds: [UInt64] {
        let start = seeds.lowerBound + UInt64(shard.index - 1)
        guard start <= seeds.upperBound else { return [] }
        return Array(stride(from: start, through: seeds.upperBound, by: shard.count))
    }

    /// The `pmmc simulate` command that repeats the run of `seed`, writing its trace (for
    /// `pmmc render`) and its history (for `pmmc lincheck`).
    func reproduction(of seed: UInt64) -> String {
        var words = ["pmmc", "simulate", "--profile", profile.rawValue, "--seed", "\(seed)",
                     "--operations", "\(operations)", "--keys", "\(keys)",
                     "--replicas", "\(cluster.replicas)", "--leaders", "\(cluster.leaders)",
                     "--acceptors", "\(cluster.acceptors)", "--clients", "\(cluster.clients)"]
        words += ["--time-limit", "\(timeLimit)", "--trace", "seed-\(seed).jsonl", "--history", "seed-\(seed).json"]
        return words.joined(separator: " ")
    }

    func run() async throws -> Int32 {
        let seeds = shardSeeds
        let clock = ContinuousClock()
        let started = clock.now
        let sweep = SweepProgress(total: seeds.count, report: progress, started: started)
        let failures = await withTaskGroup(of: [(UInt64, SweepRun.Failure)].self) { group in
            for _ in 0..<min(jobs, max(seeds.count, 1)) {
                group.addTask {
                    var found: [(UInt64, SweepRun.Failure)] = []
                    while let index = sweep.claim() {
                        let seed = seeds[index]
                        let scenario = profile.scenario(seed: seed, operations: operations, keys: keys, cluster: cluster)
                        if let failure = SweepRun.check(scenario, timeLimit: timeLimit) {
                            found.append((seed, failure))
                            sweep.stop()
                        }
                        sweep.finished()
                    }
                    return found
                }
            }
            var all: [(UInt64, SweepRun.Failure)] = []
            for await found in group { all += found }
            return all.sorted { $0.0 < $1.0 }
        }
        let seconds = (clock.now - started) / .seconds(1)
        let report = SweepReport(command: self, runs: sweep.done, failures: failures, seconds: seconds)
        if let jsonPath {
            let file = try OutputFile(path: jsonPath)
            try file.write(line: report.json)
            try file.close()
        }
        try OutputFile.standardOutput.write(line: report.text)
        return failures.isEmpty ? 0 : 1
    }
}

/// Hands out a sweep's seeds to its workers, counts finished runs, stops them all after a
/// failure, and reports progress on standard error at most once a second.
final class SweepProgress: Sendable {
    private let total: Int
    private let report: Bool
    private let started: ContinuousClock.Instant
    private let next = Atomic<Int>(0)
    private let finishedRuns = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let lastReport = Mutex<ContinuousClock.Instant>(.now)

    init(total: Int, report: Bool, started: ContinuousClock.Instant) {
        self.total = total
        self.report = report
        self.started = started
    }

    /// The index of the next seed to run, or `nil` when none is left or the sweep stopped.
    func claim() -> Int? {
        guard !stopped.load(ordering: .relaxed) else { return nil }
        let index = next.add(1, ordering: .relaxed).oldValue
        return index < total ? index : nil
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    var done: Int { finishedRuns.load(ordering: .relaxed) }

    func finished() {
        let done = finishedRuns.add(1, ordering: .relaxed).newValue
        guard report else { return }
        let now = ContinuousClock.now
        let due = lastReport.withLock { last in
            guard now - last >= .seconds(1) else { return false }
            last = now
            return true
        }
        guard due else { return }
        let rate = Double(done) / ((now - started) / .seconds(1))
        let left = rate > 0 ? Int((Double(total - done) / rate).rounded(.up)) : 0
        printDiagnostic("… \(done.grouped) of \(total.grouped) runs, \(Int(rate).grouped) runs/s, about \(left.grouped) s left")
    }
}

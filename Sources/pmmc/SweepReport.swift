import PMMCTrace

/// What a sweep found: the text `pmmc sweep` prints, and its JSON for merging shards.
struct SweepReport {
    let command: SweepCommand
    let runs: Int
    let failures: [(seed: UInt64, failure: SweepRun.Failure)]
    let seconds: Double

    private var seedsText: String {
        "seeds \(command.seeds.lowerBound)..\(command.seeds.upperBound)"
            + (command.shard.count > 1 ? ", shard \(command.shard.index)/\(command.shard.count)" : "")
    }

    var text: String {
        var lines = [
            ("sweep", "profile \(command.profile.rawValue), \(seedsText), \(command.operations.grouped) operations a run"),
        ]
        if let first = failures.first {
            lines.append(("FAILED", "seed \(first.seed): \(first.failure.check): \(first.failure.detail)"))
            lines.append(("reproduce", command.reproduction(of: first.seed)))
            lines.append(("runs", "\(runs.grouped) run\(runs == 1 ? "" : "s") before the sweep stopped, \(failures.count) failed"))
        } else {
            lines.append(("result", "\(runs.grouped) runs passed: invariants held, every operation completed, logs agree, every history linearizable"))
        }
        let rate = seconds > 0 ? Int(Double(runs) / seconds) : runs
        lines.append(("time", "\(String(format: "%.2f", seconds)) s (\(rate.grouped) run\(rate == 1 ? "" : "s")/s, \(command.jobs) at a time)"))
        return lines.map { $0.0.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }

    /// `{"profile":"chaos","seeds":[1,1000],"shard":[1,1],"operations":100,"runs":1000,"failures":[…],"seconds":3.2}`;
    /// each failure is `{"seed":517,"check":"liveness","detail":"…","command":"pmmc simulate …"}`.
    var json: String {
        let failed = failures.map { entry in
            "{\"seed\":\(entry.seed),\"check\":" + JSONText.quoted(entry.failure.check) + ",\"detail\":" + JSONText.quoted(entry.failure.detail)
                + ",\"command\":" + JSONText.quoted(command.reproduction(of: entry.seed)) + "}"
        }
        return "{\"profile\":\"\(command.profile.rawValue)\",\"seeds\":[\(command.seeds.lowerBound),\(command.seeds.upperBound)],"
            + "\"shard\":[\(command.shard.index),\(command.shard.count)],\"operations\":\(command.operations),\"runs\":\(runs),"
            + "\"failures\":[\(failed.joined(separator: ","))],\"seconds\":\(String(format: "%.3f", seconds))}"
    }
}

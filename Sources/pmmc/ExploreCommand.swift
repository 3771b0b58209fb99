import PMMC
import PMMCBugZoo
import PMMCSimulation
import PMMCTrace

/// `pmmc explore`: breadth-first search over every schedule of a small cluster.
struct ExploreCommand {
    static let usage = """
        USAGE: pmmc explore [options]

        Visits every state a small cluster can reach, over every order of message delivery
        (and, if asked, lost and duplicated messages and timer firings), each distinct state
        once, breadth first, as DSLabs' model checker does. The invariants R1-R5, A1-A5 and
        C1 are checked in every state, and a state where nothing is left to happen must have
        completed every operation. The first violation is printed with a shortest schedule
        that reaches it.

        CLUSTER AND WORKLOAD
          --replicas N          replicas (default 2)
          --leaders N           leaders (default 1)
          --acceptors N         acceptors (default 3)
          --clients N           clients (default 1)
          --commands N          commands per client (default 1): client 0 appends A, B, …
                                to key k, client 1 appends a, b, …
          --naive               leaders without failure detection (paper figure 7)
          --mutant NAME         install a mutant of the bug zoo: \(Mutant.allCases.map(\.rawValue).joined(separator: ", "))
        FAULTS (off by default)
          --drops               messages between machines may be lost
          --duplicates          messages between machines may be delivered twice
          --timers              timers may fire, at any point (bound the depth)
        SEARCH
          --walks N             instead of visiting every state, take N random walks (as
                                DSLabs' random DFS) and shrink the first counterexample to
                                one no step can be left out of
          --seed N              seeds the walks (default 1): one seed, one result
        BOUNDS
          --max-depth N         explore schedules of at most N steps (walks: default 100)
          --max-states N        visit at most N distinct states
          --time-limit SECONDS  stop after this many seconds
        OUTPUT
          --trace FILE          write the counterexample as a trace ('pmmc render FILE')
          --progress            report states, depth and states/s on standard error
          -h, --help            show this help

        Exit status: 0 when no violation was found within the bounds, 1 when one was, 2 for
        bad usage.
        """

    let settings: ExplorationSettings<KeyValueStore>
    /// `--walks`: random walks instead of breadth-first search.
    let walks: Int?
    let seed: UInt64
    let tracePath: String?
    let progress: Bool
    let runArguments: [String]

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        let clients = try reader.integer("--clients", default: 1, in: 1...2)
        let commands = try reader.integer("--commands", default: 1, in: 1...26)
        var settings = ExplorationSettings<KeyValueStore>(
            replicas: try reader.integer("--replicas", default: 2, in: 1...9),
            leaders: try reader.integer("--leaders", default: 1, in: 1...9),
            acceptors: try reader.integer("--acceptors", default: 3, in: 1...9),
            workload: Self.workload(clients: clients, commands: commands))
        if try reader.flag("--naive") { settings.settings.failureDetection = nil }
        settings.drops = try reader.flag("--drops")
        settings.duplicates = try reader.flag("--duplicates")
        settings.timers = try reader.flag("--timers")
        settings.maxDepth = try reader.integer("--max-depth", in: 1...Int.max)
        settings.maxStates = try reader.integer("--max-states", in: 1...Int.max)
        if let text = try reader.value("--time-limit") {
            guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                throw UsageError(message: "--time-limit takes a positive number of seconds, got '\(text)'")
            }
            settings.timeLimit = seconds
        }
        if let name = try reader.value("--mutant") {
            try Mutant.named(name).install(into: &settings)
        }
        self.settings = settings
        walks = try reader.integer("--walks", in: 1...Int.max)
        seed = UInt64(try reader.integer("--seed", default: 1, in: 0...Int.max))
        tracePath = try reader.value("--trace")
        progress = try reader.flag("--progress")
        try reader.finish()
        runArguments = TraceWriter.runArguments(arguments)
    }

    /// Client 0 appends A, B, C, … to key `k`; client 1 appends a, b, c, ….
    static func workload(clients: Int, commands: Int) -> [[KeyValueStore.Operation]] {
        (0..<clients).map { client in
            let first = client == 0 ? UInt8(ascii: "A") : UInt8(ascii: "a")
            return (0..<commands).map { .append(key: "k", value: String(UnicodeScalar(first + UInt8($0)))) }
        }
    }

    func run() throws -> Int32 {
        let explorer = Explorer(settings)
        let report: ((ExplorationProgress) -> Void)? = progress ? { Self.report($0) } : nil
        let result: ExplorationResult<KeyValueStore>
        do throws(SimulationError) {
            if let walks {
                result = try explorer.walk(walks, seed: seed, progress: report)
            } else {
                result = try explorer.run(progress: report)
            }
        } catch {
            throw UsageError(message: error.description)
        }
        var lines = [
            walks == nil
                ? "explored \(result.states.grouped) states (\(result.transitions.grouped) steps, depth \(result.depth)) in "
                    + "\(Self.seconds(result.seconds)): \(Int(result.statesPerSecond).grouped) states/s"
                : "walked \(result.states.grouped) steps (longest walk \(result.depth)) in \(Self.seconds(result.seconds))",
        ]
        switch result.outcome {
        case .exhausted:
            lines.append("no violation: every reachable state was checked")
        case .bound(.walks):
            lines.append("no violation in \(walks ?? 0) random walks")
        case .bound(let bound):
            lines.append("no violation within the \(bound) bound; the search did not see every state")
        case .goal(let name):
            lines.append("goal '\(name)' reached in \(result.schedule.count) steps:")
            lines += Self.numbered(result.schedule)
        case .violation(let violation):
            lines.append("VIOLATION: \(violation)")
            lines.append((walks == nil ? "shortest schedule" : "shrunk schedule") + " (\(result.schedule.count) steps):")
            lines += Self.numbered(result.schedule)
        }
        if let tracePath, !result.schedule.isEmpty {
            let writer = try TraceWriter(path: tracePath, header: .simulator(command: "explore", arguments: runArguments))
            do throws(SimulationError) {
                for event in try explorer.trace(of: result.schedule) { writer.write(event) }
            } catch {
                throw Failure(message: "cannot replay the schedule: \(error)")
            }
            try writer.close()
            lines.append("trace written to \(tracePath); draw it with 'pmmc render \(tracePath) --format svg'")
        }
        try OutputFile.standardOutput.write(line: lines.joined(separator: "\n"))
        return result.violation == nil ? 0 : 1
    }

    private static func numbered(_ schedule: [ExplorationStep<KeyValueStore>]) -> [String] {
        schedule.enumerated().map { "  \($0.offset + 1). \($0.element)" }
    }

    private static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s"
    }

    private static func report(_ progress: ExplorationProgress) {
        printDiagnostic("… \(progress.states.grouped) states, depth \(progress.depth), \(progress.frontier.grouped) waiting, "
            + "\(Int(progress.statesPerSecond).grouped) states/s")
    }
}

import PMMC
import PMMCBugZoo
import PMMCSimulation

/// `pmmc simulate`: one seeded simulation with a random key-value workload, then a summary.
struct SimulateCommand {
    static let usage = """
        USAGE: pmmc simulate [options]

        Runs a deterministic simulation of a PMMC cluster serving a random key-value workload
        and prints a summary. The same options give the same run, event for event.

        CLUSTER
          --replicas N          replicas (default 2)
          --leaders N           leaders (default 2)
          --acceptors N         acceptors (default 3; 2f+1 tolerate f crashes)
          --clients N           closed-loop clients (default 4)
          --window N            WINDOW, slots a replica may run ahead (default 5)
        \(ProtocolSwitches.usage)
          --mutant NAME         install a mutant of the bug zoo ('pmmc explore --help')
        WORKLOAD
          --operations N        client operations in all (default 100)
          --keys N              distinct keys (default 10)
          --value-size N        values of exactly N bytes, written by puts (two puts for
                                every get, no appends, so the application's state stays
                                the size of --keys values); default: short distinct
                                values, a third each of put, get and append
          --seed N              seed for the network and the workload (default 1)
        PROFILE
          --profile NAME        the network, faults and workload of one run of 'pmmc sweep':
                                none, lossy, reorder, partitions, crashes, chaos,
                                crash-restart or naive,
                                drawn from --seed (a workload of mostly appends on --keys
                                keys); not with the options below
        NETWORK AND FAULTS (times in virtual ticks)
          --latency MIN-MAX     one-way delay range, or a single value, at most 1,000,000
                                (default 1-10)
          --loss P              message loss probability in [0, 1) (default 0)
          --duplication P       message duplication probability in [0, 1) (default 0)
          --partition T1-T2:P,P,...
                                from T1 to T2 the listed processes reach only each other
                                (e.g. --partition 100-400:l0,a0); repeatable: while windows
                                overlap, two processes reach each other only if every open
                                window lists both or neither
          --crash T:P           crash process P at time T; repeatable (e.g. --crash 50:l1)
          --restart T:P         restart crashed process P at time T with the state it had
                                (a leader with a higher ballot); P must have a --crash
                                before T; repeatable (e.g. --crash 50:l1 --restart 400:l1)
          --time-limit N        stop at virtual time N (default: enough for the workload,
                                10,000 + the last fault's time + R × (12 × MAX latency +
                                2,400 × P ÷ (1 − P) + batch delay), where R is operations
                                ÷ min(clients, WINDOW) rounded up and P the loss
                                probability)
        OUTPUT
          --trace FILE          write every event as JSON Lines to FILE
          --history FILE        write the clients' operations as a JSON history to FILE,
                                for 'pmmc lincheck' or Porcupine-based tools
          --no-invariants       do not check R1-R5, A1-A5, C1 after every event
          --progress            report progress on standard error as the run goes
          -h, --help            show this help

        The summary says why the run stopped: every operation completed, the time limit
        was reached, or only crashed clients' operations were left, which cannot complete.

        Exit status: 0 when every operation completed with no invariant violated, 1 when
        an invariant was violated, operations were left incomplete or the trace or summary
        could not be written, 2 for bad usage.
        """

    /// The latest time a fault or the time limit may name.
    static let latestTime = Int.max / 2
    /// The widest one-way delay `--latency` takes.
    static let maximumLatency = 1_000_000

    let options: SimulationOptions
    let operations: Int
    let keys: Int
    /// `--value-size`, or `nil` for the default workload.
    let valueSize: Int?
    let faults: [(time: Int, fault: Fault)]
    /// `--time-limit`, or `nil` for ``defaultTimeLimit``.
    let givenTimeLimit: Int?
    let tracePath: String?
    let historyPath: String?
    let progress: Bool
    /// The arguments that determine the run (everything but `--trace FILE` and
    /// `--progress`), recorded in the trace's header so the run can be repeated.
    let runArguments: [String]
    /// `--profile`: the network, faults and workload come from a sweep profile.
    let profile: SweepProfile?
    /// `--mutant`: a mutant of the bug zoo replaces some processes.
    let mutant: Mutant?

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        var options = SimulationOptions()
        options.seed = UInt64(try reader.integer("--seed", default: 1, in: 0...Int.max))
        options.replicas = try reader.integer("--replicas", default: 2, in: 1...99)
        options.leaders = try reader.integer("--leaders", default: 2, in: 1...99)
        options.acceptors = try reader.integer("--acceptors", default: 3, in: 1...99)
        options.clients = try reader.integer("--clients", default: 4, in: 1...10_000)
        options.settings.window = try reader.integer("--window", default: 5, in: 1...10_000)
        try ProtocolSwitches.read(from: &reader, into: &options.settings)
        options.network.latency = try reader.tickRange("--latency", default: 1...10, maximum: Self.maximumLatency, example: "1-10")
        options.network.lossRate = try reader.probability("--loss")
        options.network.duplicationRate = try reader.probability("--duplication")
        options.checkInvariants = !(try reader.flag("--no-invariants"))
        operations = try reader.integer("--operations", default: 100, in: 0...100_000_000)
        keys = try reader.integer("--keys", default: 10, in: 1...1_000_000)
        valueSize = try reader.integer("--value-size", in: 1...1_000_000)
        givenTimeLimit = try reader.integer("--time-limit", in: 1...Self.latestTime)
        profile = try reader.value("--profile").map { name throws(UsageError) in
            guard let profile = SweepProfile(rawValue: name) else {
                throw UsageError(message: "unknown profile '\(name)'; the profiles are " + SweepProfile.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return profile
        }
        if profile != nil, let clash = arguments.first(where: { Self.profileSets.contains($0.split(separator: "=").first.map(String.init) ?? $0) }) {
            throw UsageError(message: "--profile sets the network, the faults and the workload; \(clash) cannot be given with it")
        }
        faults = try FaultSchedule.simulatorFaults(from: &reader, latest: Self.latestTime)
        mutant = try reader.value("--mutant").map { name throws(UsageError) in try Mutant.named(name) }
        tracePath = try reader.value("--trace")
        historyPath = try reader.value("--history")
        // The summary needs only counts; the history file, every operation. Nothing replays
        // the run, so it keeps no log of the operations submitted.
        options.keepsHistory = historyPath != nil
        options.keepsLog = false
        self.options = options
        progress = try reader.flag("--progress")
        try reader.finish()
        runArguments = TraceWriter.runArguments(arguments)
    }

    /// The options a profile sets itself.
    private static let profileSets: Set<String> = ["--latency", "--loss", "--duplication", "--crash", "--restart", "--partition", "--naive", "--value-size"]

    /// The virtual time to stop at: `--time-limit`, or ``defaultTimeLimit``.
    var timeLimit: Int { givenTimeLimit ?? defaultTimeLimit }

    /// Enough virtual time for the workload, with room to spare: 10,000 ticks (to elect a
    /// leader, or another after a crash), the time of the last fault, and per round of
    /// operations (operations ÷ min(clients, WINDOW), rounded up) 12 one-way delays at the
    /// longest latency plus, under loss P, 12 × P ÷ (1 − P) client retransmission intervals,
    /// plus the batch delay. A fault-free round takes about 6 mean delays.
    var defaultTimeLimit: Int {
        let concurrency = min(options.clients, options.settings.window)
        let rounds = Double((operations + concurrency - 1) / concurrency)
        let loss = options.network.lossRate
        let perRound = 12 * Double(options.network.latency.upperBound)
            + 12 * Double(options.settings.requestRetransmit) * loss / (1 - loss)
            + Double(options.settings.batching?.maximumDelay ?? 0)
        let lastFault = Double(faults.last?.time ?? 0)
        let ticks = 10_000 + lastFault + rounds * perRound.rounded(.up)
        return ticks < Double(Self.latestTime) ? Int(ticks) : Self.latestTime
    }

    /// The number of operations of the workload client `index` runs: the workload is dealt
    /// out to the clients in turn.
    private func share(of index: Int) -> Int {
        operations / options.clients + (index < operations % options.clients ? 1 : 0)
    }

    /// Whether only crashed clients' operations are left, which can never complete: some
    /// client crashed and has no restart to come, and every other has run its share of the
    /// workload.
    private func onlyCrashedClientsLeft(_ simulation: Simulation<KeyValueStore>) -> Bool {
        var crashed = false
        for index in 0..<options.clients {
            if simulation.isCrashed(.client(index)) {
                if faults.contains(where: { $0.time >= simulation.now && $0.fault == .restart(.client(index)) }) {
                    return false
                }
                crashed = true
            } else if let client = simulation.client(index), !client.isIdle || client.nextRequestID - 1 < share(of: index) {
                return false
            }
        }
        return crashed
    }

    func run() throws -> Int32 {
        let simulation: Simulation<KeyValueStore>
        do {
            if let profile {
                simulation = try profile.scenario(seed: options.seed, operations: operations, keys: keys, cluster: options).makeSimulation()
            } else {
                simulation = try Simulation<KeyValueStore>(options: options)
                for (time, fault) in faults { try simulation.schedule(fault, at: time) }
            }
            try mutant?.install(into: simulation)
        } catch {
            throw UsageError(message: error.description)
        }
        let writer = try tracePath.map { path throws(Failure) in try TraceWriter(path: path, header: .simulator(arguments: runArguments)) }
        if let writer {
            simulation.traceLines = writer.lines
        }
        var feed = profile == nil ? WorkloadFeed(operations: operations, keys: keys, valueSize: valueSize, options: options) : nil
        try feed?.topUp(simulation)
        let firstClientCrash = faults.first { if case .crash(.client) = $0.fault { true } else { false } }?.time ?? Int.max
        let timeLimit = self.timeLimit
        let clock = ContinuousClock()
        let started = clock.now
        var lastReport = started
        var outcome = RunOutcome.timeLimit
        var horizon = 0
        repeat {
            if outcome != .conditionMet {
                horizon = min(horizon + 10_000, timeLimit)
            }
            try feed?.topUp(simulation)
            let refill = feed?.refillPoint ?? Int.max
            outcome = simulation.run(until: { simulation in
                simulation.allOperationsCompleted || simulation.completedOperationCount >= refill
                    || (simulation.now >= firstClientCrash && onlyCrashedClientsLeft(simulation))
            }, timeLimit: horizon)
            if progress, clock.now - lastReport > .seconds(1) {
                lastReport = clock.now
                let done = simulation.completedOperationCount
                printDiagnostic("… t=\(simulation.now): \(done)/\(operations) operations complete, \(simulation.statistics.slotsDecided) slots decided")
            }
        } while (outcome == .timeLimit && horizon < timeLimit || outcome == .conditionMet && feed?.isExhausted == false
                 && !onlyCrashedClientsLeft(simulation)) && writer?.failure == nil
        let wall = clock.now - started
        try writer?.close()
        if let historyPath {
            try HistoryFile.write(KeyValueHistory(clientOperations: simulation.operations), to: historyPath)
        }
        let summary = Summary(simulation: simulation, outcome: outcome, wallTime: wall, operations: operations,
                              timeLimit: timeLimit, timeLimitGiven: givenTimeLimit != nil)
        try OutputFile.standardOutput.write(line: summary.text)
        return summary.succeeded ? 0 : 1
    }
}

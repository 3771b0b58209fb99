import Foundation
import PMMC
import PMMCRuntime
import PMMCSimulation
import PMMCTrace

/// `pmmc run`: a random key-value workload on the actor runtime, in real time, then a summary
/// with throughput and latency.
struct RunCommand {
    static let usage = """
        USAGE: pmmc run [options]

        Runs a PMMC cluster on the actor runtime (every replica, leader, acceptor and client
        is an actor, a leader's scouts and commanders run inside its actor; timers use the
        real clock) with closed-loop clients, each with one request in flight and its next
        sent as soon as the last is answered, serving a random key-value workload, and
        prints a summary with wall-clock throughput, latency, and CPU time per message and
        per operation. Unlike 'pmmc simulate', two runs differ: threads interleave as they
        will.

        CLUSTER
          --replicas N          replicas (default 2)
          --leaders N           leaders (default 2)
          --acceptors N         acceptors (default 3; 2f+1 tolerate f crashes)
          --clients N           closed-loop clients, each with one request in flight
                                (default 4)
          --window N            WINDOW, slots a replica may run ahead (default 5)
        \(ProtocolSwitches.usage)
          --tick-us N           length of one protocol tick in microseconds (default 100;
                                a round trip on the bus takes about 50-300)
        WORKLOAD
          --operations N        client operations in all (default 1000)
          --keys N              distinct keys (default 10)
          --seed N              seed for the workload and the bus's loss and delay (default 1)
        NETWORK AND FAULTS (times in milliseconds after the start)
          --loss P              message loss probability in [0, 1) (default 0)
          --delay MIN-MAX       extra delay per message in ticks, or a single value, at most
                                1,000,000 (default 0; any delay lets messages overtake each
                                other)
          --partition T1-T2:P,P,...
                                from T1 to T2 the listed processes reach only each other
                                (e.g. --partition 100-400:l0,a0); repeatable: while windows
                                overlap, two processes reach each other only if every open
                                window lists both or neither
          --crash T:P           crash process P at time T; repeatable (e.g. --crash 50:l1);
                                crash-stop: no --restart here ('pmmc simulate' has one)
          --time-limit S        give up after S seconds, at most 86,400 (default 60); no
                                fault time may be later
        OUTPUT
          --trace FILE          write every event as JSON Lines to FILE, times in
                                microseconds since the start ('pmmc render FILE' draws it)
          --history FILE        write the clients' operations as a JSON history to FILE,
                                times in nanoseconds since the first call, for
                                'pmmc lincheck' or Porcupine-based tools
          -h, --help            show this help

        The summary says why the run stopped: every operation completed, the time limit
        was reached, or only crashed clients' operations were left, which cannot complete.

        Exit status: 0 when every operation completed, 1 when operations were left
        incomplete or the summary could not be written, 2 for bad usage.
        """

    /// The widest extra delay `--delay` takes, in ticks.
    static let maximumDelay = 1_000_000

    let options: ClusterOptions
    let clients: Int
    let operations: Int
    let keys: Int
    let seed: UInt64
    let faults: [(milliseconds: Int, fault: CommandLineFault)]
    let timeLimit: Duration
    let tracePath: String?
    let historyPath: String?
    /// The arguments as given, less `--trace FILE`, for the trace's header.
    let traceArguments: [String]

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        var options = ClusterOptions()
        seed = UInt64(try reader.integer("--seed", default: 1, in: 0...Int.max))
        options.replicas = try reader.integer("--replicas", default: 2, in: 1...99)
        options.leaders = try reader.integer("--leaders", default: 2, in: 1...99)
        options.acceptors = try reader.integer("--acceptors", default: 3, in: 1...99)
        clients = try reader.integer("--clients", default: 4, in: 1...10_000)
        options.settings.window = try reader.integer("--window", default: 5, in: 1...10_000)
        try ProtocolSwitches.read(from: &reader, into: &options.settings)
        // A tick near the bus's round trip: a lost message costs a few ticks, and at the
        // library's 1 ms a few ticks are twenty round trips (Docs/Runtime.md, "Ticks").
        options.tick = .microseconds(try reader.integer("--tick-us", default: 100, in: 1...1_000_000))
        options.faults = NetworkFaults(
            lossRate: try reader.probability("--loss"),
            extraDelay: try reader.tickRange("--delay", default: 0...0, maximum: Self.maximumDelay, example: "0-5"),
            seed: seed)
        self.options = options
        operations = try reader.integer("--operations", default: 1000, in: 0...100_000_000)
        keys = try reader.integer("--keys", default: 10, in: 1...1_000_000)
        let seconds = try reader.integer("--time-limit", default: 60, in: 1...86_400)
        timeLimit = .seconds(seconds)
        faults = try FaultSchedule.read(from: &reader, latest: seconds * 1000).map { (milliseconds: $0.time, fault: $0.fault) }
        guard try reader.values("--restart").isEmpty else {
            throw UsageError(message: "--restart is not offered here: the actor runtime is crash-stop (Docs/Runtime.md); pmmc simulate has --restart")
        }
        tracePath = try reader.value("--trace")
        historyPath = try reader.value("--history")
        try reader.finish()
        traceArguments = TraceWriter.runArguments(arguments)
    }

    func run() async throws -> Int32 {
        let cluster: Cluster<KeyValueStore>
        let handles: [ClientHandle<KeyValueStore>]
        let trace = try tracePath.map { path throws(Failure) in
            try TraceWriter(path: path, header: RuntimeTrace.header(arguments: traceArguments))
        }
        var events: AsyncStream<TimedRuntimeEvent<KeyValueStore>>?
        do {
            cluster = try Cluster<KeyValueStore>(options: options, observe: trace == nil ? nil : { events = $0 })
            handles = try (0..<clients).map { _ throws(RuntimeError) in try cluster.makeClient() }
        } catch {
            throw UsageError(message: error.description)
        }
        let tracing = Self.writeTrace(events, to: trace)
        for (_, fault) in faults {
            for process in fault.processes where !cluster.hosts.contains(process) {
                throw UsageError(message: "no process \(process) in this cluster")
            }
        }
        let workload = KeyValueWorkload.random(count: operations, keys: keys, seed: seed)
        let cpuStart = clock()
        let wallClock = ContinuousClock()
        let started = wallClock.now
        let ending = await withTaskGroup(of: Outcome.self) { group in
            for (index, handle) in handles.enumerated() {
                let mine = stride(from: index, to: workload.count, by: clients).map { workload[$0] }
                group.addTask {
                    // One closed loop on the client's actor: each request goes out as soon
                    // as the previous one is answered (Docs/Runtime.md, "Fewer hops and checks").
                    do {
                        _ = try await handle.submit(contentsOf: mine)
                    } catch RuntimeError.crashed(let id) {
                        return .client(crashed: id)
                    } catch {
                        return .client(crashed: nil)
                    }
                    return .client(crashed: nil)
                }
            }
            group.addTask {
                do throws(RuntimeError) {
                    return .faultsInjected(try await inject(into: cluster, from: started, clock: wallClock))
                } catch {
                    return .faultFailed(error)
                }
            }
            group.addTask {
                try? await Task.sleep(until: started + timeLimit, clock: wallClock)
                return .timeLimit
            }
            var ending = Ending()
            var running = handles.count
            for await outcome in group {
                switch outcome {
                case .client(let crashed):
                    ending.crashedClients += crashed.map { [$0] } ?? []
                    running -= 1
                    if running == 0 { group.cancelAll() }
                case .timeLimit where running > 0:
                    ending.reachedTimeLimit = true
                    group.cancelAll()
                case .timeLimit:
                    break
                case .faultsInjected(let count):
                    ending.faultsInjected = count
                case .faultFailed(let error):
                    ending.faultFailure = error
                    group.cancelAll()
                }
            }
            return ending
        }
        let wall = wallClock.now - started
        let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        if let error = ending.faultFailure {
            await cluster.shutdown()
            try await tracing.value.get()
            throw Failure(message: "cannot inject a fault: \(error)")
        }
        let records = await Self.records(of: handles)
        var roles: [Role<KeyValueStore>] = []
        for host in cluster.hosts {
            if let role = await cluster.process(host) { roles.append(role) }
        }
        if let historyPath {
            try HistoryFile.write(HistoryFile.history(of: records), to: historyPath)
        }
        let summary = RunSummary(
            configuration: cluster.initialConfiguration, options: options, statistics: cluster.statistics,
            replicas: await cluster.replicas(), records: records,
            operations: operations, wallTime: wall, cpuSeconds: cpu,
            timeLimitReached: ending.reachedTimeLimit ? timeLimit : nil, crashedClients: ending.crashedClients.sorted(),
            faultsNotInjected: faults.dropFirst(ending.faultsInjected).map { "\($0.fault) at \($0.milliseconds.grouped) ms" },
            retained: RetainedState(of: roles))
        await cluster.shutdown()
        try await tracing.value.get()
        try OutputFile.standardOutput.write(line: summary.text)
        return summary.completed == operations ? 0 : 1
    }

    /// Writes each event of `events` to `trace` as it comes, until the stream ends at the
    /// cluster's shutdown, then closes the file. Returns the first failure to write.
    private static func writeTrace(
        _ events: AsyncStream<TimedRuntimeEvent<KeyValueStore>>?, to trace: sending TraceWriter?
    ) -> Task<Result<Void, Failure>, Never> {
        Task {
            guard let trace, let events else { return .success(()) }
            for await timed in events {
                trace.write(timed.traceEvent)
            }
            return Result { () throws(Failure) in try trace.close() }
        }
    }

    /// How a task of the run ended.
    private enum Outcome {
        /// A client ran out of work, or stopped because it crashed (`crashed`).
        case client(crashed: ProcessID?)
        /// The time limit passed.
        case timeLimit
        /// The fault task injected the first `count` faults, and was stopped or done.
        case faultsInjected(Int)
        /// The cluster refused a fault.
        case faultFailed(RuntimeError)
    }

    /// What the tasks of the run reported.
    private struct Ending {
        var crashedClients: [ProcessID] = []
        var reachedTimeLimit = false
        var faultsInjected = 0
        var faultFailure: RuntimeError?
    }

    /// Injects the faults at their times. Returns how many it injected: all, or those before
    /// the run ended and cancelled it.
    private func inject(into cluster: Cluster<KeyValueStore>, from started: ContinuousClock.Instant, clock: ContinuousClock) async throws(RuntimeError) -> Int {
        for (index, (milliseconds, fault)) in faults.enumerated() {
            do {
                try await Task.sleep(until: started + .milliseconds(milliseconds), clock: clock)
            } catch {
                return index
            }
            switch fault {
            case .crash(let process): try cluster.crash(process)
            case .partition(let groups): try cluster.partition(groups)
            case .heal: cluster.heal()
            }
        }
        return faults.count
    }

    private static func records(of handles: [ClientHandle<KeyValueStore>]) async -> [OperationRecord<KeyValueStore>] {
        var records: [OperationRecord<KeyValueStore>] = []
        for handle in handles {
            records += await handle.history()
        }
        return records
    }
}

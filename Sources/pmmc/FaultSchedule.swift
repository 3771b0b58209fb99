import PMMC
import PMMCSimulation

/// A fault to inject at a given time: a crash, or the partition in force from then on.
enum CommandLineFault: Equatable, CustomStringConvertible {
    case crash(ProcessID)
    /// Each group reaches only its own members; processes in no group form one more group.
    case partition([[ProcessID]])
    /// No partition from now on.
    case heal

    /// The processes the fault names.
    var processes: [ProcessID] {
        switch self {
        case .crash(let process): [process]
        case .partition(let groups): groups.flatMap { $0 }
        case .heal: []
        }
    }

    /// The same fault for the simulator.
    var simulatorFault: Fault {
        switch self {
        case .crash(let process): .crash(process)
        case .partition(let groups): .partition(groups)
        case .heal: .heal
        }
    }

    /// As the simulator says it: `crash l1`, `partition {l0,a0}`, `heal`.
    var description: String { simulatorFault.description }
}

/// One `--partition START-END:PROCESS,...`: from START until END, the listed processes reach
/// only each other.
struct PartitionWindow: Equatable {
    let start: Int
    let end: Int
    let group: [ProcessID]
}

/// The faults of `--crash TIME:PROCESS` and `--partition START-END:PROCESS,...`, and, for the
/// simulator, `--restart TIME:PROCESS`.
enum FaultSchedule {
    /// Reads every `--crash` and `--partition` from `reader`, with times from 0 to `latest`,
    /// as faults in time order: the crashes, sorted by time and process, and the partitions
    /// the windows compose into (``partitions(_:)``); at one time, crashes come first. So the
    /// order of the arguments does not matter.
    static func read(from reader: inout ArgumentReader, latest: Int) throws(UsageError) -> [(time: Int, fault: CommandLineFault)] {
        var crashes: [(time: Int, process: ProcessID)] = []
        for text in try reader.values("--crash") {
            crashes.append(try crash(text, latest: latest))
        }
        var windows: [PartitionWindow] = []
        for text in try reader.values("--partition") {
            windows.append(try window(text, latest: latest))
        }
        crashes.sort { ($0.time, $0.process) < ($1.time, $1.process) }
        let faults = crashes.map { (time: $0.time, fault: CommandLineFault.crash($0.process)) } + partitions(windows)
        return faults.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// The simulator's faults: those of ``read(from:latest:)`` and every `--restart
    /// TIME:PROCESS`, in time order (at one time: crashes, partitions, restarts). Each restart
    /// must find its process crashed: a `--crash` of it at an earlier time, and no restart
    /// since.
    static func simulatorFaults(from reader: inout ArgumentReader, latest: Int) throws(UsageError) -> [(time: Int, fault: Fault)] {
        let faults = try read(from: &reader, latest: latest)
        var restarts: [(time: Int, process: ProcessID)] = []
        for text in try reader.values("--restart") {
            restarts.append(try restart(text, latest: latest))
        }
        restarts.sort { ($0.time, $0.process) < ($1.time, $1.process) }
        for restart in restarts {
            let crashedAt = faults.last { $0.time < restart.time && $0.fault == .crash(restart.process) }?.time
            let restartedAt = restarts.last { $0.time < restart.time && $0.process == restart.process }?.time
            guard let crashedAt, crashedAt > restartedAt ?? -1 else {
                throw UsageError(message: "--restart \(restart.time):\(restart.process) needs \(restart.process) crashed then: "
                    + "a --crash of it before t=\(restart.time)" + (restartedAt.map { " and after its restart at t=\($0)" } ?? ""))
            }
        }
        let merged = faults.map { (time: $0.time, fault: $0.fault.simulatorFault) } + restarts.map { (time: $0.time, fault: Fault.restart($0.process)) }
        return merged.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// `TIME:PROCESS`, such as `50:l1`.
    static func crash(_ text: String, latest: Int) throws(UsageError) -> (time: Int, process: ProcessID) {
        try timedProcess(text, option: "--crash", example: "50:l1", latest: latest)
    }

    /// `TIME:PROCESS` naming a replica, leader, acceptor or client, such as `400:l1`.
    static func restart(_ text: String, latest: Int) throws(UsageError) -> (time: Int, process: ProcessID) {
        let restart = try timedProcess(text, option: "--restart", example: "400:l1", latest: latest)
        guard restart.process.host == restart.process else {
            throw UsageError(message: "--restart takes a replica, leader, acceptor or client; \(restart.process) restarts only with its leader, got '\(text)'")
        }
        return restart
    }

    private static func timedProcess(_ text: String, option: String, example: String, latest: Int) throws(UsageError) -> (time: Int, process: ProcessID) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let time = Int(parts[0]), time >= 0, let process = ProcessID(String(parts[1])) else {
            throw UsageError(message: "\(option) takes TIME:PROCESS such as \(example), got '\(text)'")
        }
        guard time <= latest else { throw UsageError(message: "\(option) takes a time of at most \(latest.grouped), got '\(text)'") }
        return (time, process)
    }

    /// `START-END:PROCESS,...`, such as `100-400:l0,a0`: two times, the first before the
    /// second, and at least one process, every name valid.
    static func window(_ text: String, latest: Int) throws(UsageError) -> PartitionWindow {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let times = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let names = parts.count == 2 ? parts[1].split(separator: ",", omittingEmptySubsequences: false) : []
        let group = names.compactMap { ProcessID(String($0)) }
        guard parts.count == 2, times.count == 2, let start = times[0], let end = times[1], start >= 0, start < end,
              !names.isEmpty, group.count == names.count
        else {
            throw UsageError(message: "--partition takes START-END:PROCESS,... such as 100-400:l0,a0, got '\(text)'")
        }
        guard end <= latest else { throw UsageError(message: "--partition takes times of at most \(latest.grouped), got '\(text)'") }
        return PartitionWindow(start: start, end: end, group: group)
    }

    /// The partitions and heals `windows` give together, in time order.
    ///
    /// At every time a window opens or closes, the partition in force becomes the composition
    /// of the windows open then: two processes reach each other only if every open window
    /// lists both or neither. So the processes the open windows list are split into groups by
    /// which of those windows list them, and the processes none lists stay with the rest.
    /// When no window is open, the network heals. A time at which nothing changes gives no
    /// fault, and the order of the windows does not matter.
    static func partitions(_ windows: [PartitionWindow]) -> [(time: Int, fault: CommandLineFault)] {
        let boundaries = Set(windows.flatMap { [$0.start, $0.end] }).sorted()
        var faults: [(time: Int, fault: CommandLineFault)] = []
        var current = CommandLineFault.heal
        for time in boundaries {
            let open = windows.filter { $0.start <= time && time < $0.end }
            let next = open.isEmpty ? CommandLineFault.heal : .partition(compose(open.map(\.group)))
            if next != current {
                faults.append((time, next))
                current = next
            }
        }
        return faults
    }

    /// The groups of processes listed by the same windows of `groups`, each sorted, in order
    /// of their first process.
    static func compose(_ groups: [[ProcessID]]) -> [[ProcessID]] {
        var membership: [ProcessID: [Int]] = [:]
        for (index, group) in groups.enumerated() {
            for process in Set(group) {
                membership[process, default: []].append(index)
            }
        }
        return Dictionary(grouping: membership) { $0.value }.values
            .map { $0.map(\.key).sorted() }
            .sorted { $0[0] < $1[0] }
    }
}

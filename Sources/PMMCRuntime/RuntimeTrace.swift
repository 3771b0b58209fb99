import PMMC
import PMMCTrace

/// The runtime's side of the trace both hosts write (`pmmc run --trace FILE`): times in
/// microseconds since the cluster started.
public enum RuntimeTrace {
    /// The header of a runtime trace.
    public static func header(command: String = "run", arguments: [String]) -> TraceHeader {
        TraceHeader(host: .runtime, timeUnit: .microsecond, command: command, arguments: arguments)
    }
}

extension TimedRuntimeEvent {
    /// The event as the trace records it. A `decide` is written each time a replica learns a
    /// slot's decision, as the simulator writes it.
    public var traceEvent: TraceEvent {
        let (seconds, attoseconds) = self.time.components
        let time = Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
        switch event {
        case .sent(let envelope, let id):
            return TraceEvent(.send, of: envelope, id: id, at: time)
        case .dropped(let envelope, let id, let reason):
            return TraceEvent(.drop, of: envelope, id: id, at: time, reason: reason)
        case .delivered(let envelope, let id, let ignored):
            return TraceEvent(.deliver, of: envelope, id: id, at: time, ignored: ignored)
        case .timerFired(let process, let timer):
            return TraceEvent(time: time, kind: .timer, source: process, timer: timer)
        case .spawned(let child, let parent):
            return TraceEvent(time: time, kind: .spawn, source: parent, destination: child)
        case .exited(let process):
            return TraceEvent(time: time, kind: .exit, source: process)
        case .decided(let replica, let slot, let command):
            return TraceEvent(time: time, kind: .decide, source: replica, message: command.description, slot: slot)
        case .applied(let replica, let slot, let command):
            return TraceEvent(time: time, kind: .apply, source: replica, message: command.description, slot: slot)
        case .completed(let client, let requestID, let output):
            return TraceEvent(time: time, kind: .respond, source: client,
                              message: "#\(requestID) " + (output.map { "\"\($0)\"" } ?? "done"))
        case .crashed(let process):
            return TraceEvent(time: time, kind: .crash, source: process)
        case .partitioned(let groups):
            let described = groups.map { "{" + $0.map(\.description).joined(separator: ",") + "}" }.joined(separator: " ")
            return TraceEvent(time: time, kind: .partition, detail: "partition " + described)
        case .healed:
            return TraceEvent(time: time, kind: .heal)
        }
    }
}

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
        func message(_ kind: TraceEvent.Kind, _ envelope: Envelope<Machine>, id: Int,
                     reason: TraceEvent.DropReason? = nil, ignored: Bool = false) -> TraceEvent {
            TraceEvent(time: time, kind: kind, source: envelope.source, destination: envelope.destination,
                       messageID: id, messageKind: envelope.message.kind, message: envelope.message.description,
                       reason: reason, ignored: ignored)
        }
        switch event {
        case .sent(let envelope, let id):
            return message(.send, envelope, id: id)
        case .dropped(let envelope, let id, let reason):
            return message(.drop, envelope, id: id, reason: reason)
        case .delivered(let envelope, let id, let ignored):
            return message(.deliver, envelope, id: id, ignored: ignored)
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

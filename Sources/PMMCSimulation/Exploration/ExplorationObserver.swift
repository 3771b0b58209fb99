import PMMC
import PMMCTrace

/// What an ``ExplorationHost`` tells whoever watches a step. The search watches nothing
/// (``Unobserved``, which compiles away); the replay of a counterexample records a trace.
protocol ExplorationObserver<Machine> {
    associatedtype Machine: StateMachine & Hashable
    /// `envelope` was appended to the network.
    mutating func sent(_ envelope: Envelope<Machine>)
    /// The message at `position` of the network is about to be delivered; with `keep`, a
    /// copy of it stays in flight.
    mutating func delivering(at position: Int, _ envelope: Envelope<Machine>, keep: Bool)
    /// The message being delivered was handled (`ignored` if its receiver discarded it), or
    /// found its receiver gone (`handled` false).
    mutating func delivered(_ envelope: Envelope<Machine>, handled: Bool, ignored: Bool)
    /// The message at `position` of the network was lost.
    mutating func dropped(at position: Int, _ envelope: Envelope<Machine>)
    /// Something else happened; `event` builds its trace event for a time.
    mutating func note(_ event: (Int) -> TraceEvent)
}

/// Watches nothing: the search's observer.
struct Unobserved<Machine: StateMachine & Hashable>: ExplorationObserver {
    @inline(__always) mutating func sent(_ envelope: Envelope<Machine>) {}
    @inline(__always) mutating func delivering(at position: Int, _ envelope: Envelope<Machine>, keep: Bool) {}
    @inline(__always) mutating func delivered(_ envelope: Envelope<Machine>, handled: Bool, ignored: Bool) {}
    @inline(__always) mutating func dropped(at position: Int, _ envelope: Envelope<Machine>) {}
    @inline(__always) mutating func note(_ event: (Int) -> TraceEvent) {}
}

/// Records the trace of a replayed schedule: each step takes one tick, and each copy of a
/// message gets an id, kept beside the network in the same order.
struct TraceRecorder<Machine: StateMachine & Hashable>: ExplorationObserver {
    private(set) var events: [TraceEvent] = []
    /// The tick of the current step: 0 for the initial state, then 1, 2, ….
    var time = 0
    /// The id of each message in flight, in the network's order.
    private var ids: [Int] = []
    private var nextID = 0
    private var deliveringID = 0

    mutating func sent(_ envelope: Envelope<Machine>) {
        ids.append(nextID)
        events.append(TraceEvent(.send, of: envelope, id: nextID, at: time))
        nextID += 1
    }

    mutating func delivering(at position: Int, _ envelope: Envelope<Machine>, keep: Bool) {
        if keep {
            deliveringID = nextID
            nextID += 1
            events.append(TraceEvent(.duplicate, of: envelope, id: deliveringID, at: time))
        } else {
            deliveringID = ids.remove(at: position)
        }
    }

    mutating func delivered(_ envelope: Envelope<Machine>, handled: Bool, ignored: Bool) {
        events.append(handled
            ? TraceEvent(.deliver, of: envelope, id: deliveringID, at: time, ignored: ignored)
            : TraceEvent(.drop, of: envelope, id: deliveringID, at: time, reason: .exited))
    }

    mutating func dropped(at position: Int, _ envelope: Envelope<Machine>) {
        events.append(TraceEvent(.drop, of: envelope, id: ids.remove(at: position), at: time, reason: .loss))
    }

    mutating func note(_ event: (Int) -> TraceEvent) {
        events.append(event(time))
    }
}

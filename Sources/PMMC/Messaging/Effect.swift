/// Something a role asks its host to do. Roles never perform effects themselves: the
/// simulator and the runtime carry them out, so the same role code runs on both.
public enum Effect<Machine: StateMachine>: Sendable {
    /// Send `message` to `destination`.
    case send(Message<Machine>, to: ProcessID)
    /// Start a child process (a leader's scout or commander). Boxed, so that every other
    /// effect stays the size of a message rather than of the largest role.
    indirect case spawn(Role<Machine>)
    /// Call ``Role/timerFired(_:into:)`` with `timer` after `delay` ticks.
    case setTimer(TimerID, after: Int)
    /// Forget every pending `timer` this process set and has not been given yet. A host that
    /// has already taken such a timer out of its queue may still deliver it, so the role
    /// still ignores a timer it no longer wants.
    case cancelTimer(TimerID)
    /// This process is finished; deliver it nothing more.
    case exit
    /// Client only: the request `requestID` completed with `output` (`nil` for a
    /// reconfiguration). Boxed like ``Message/response(requestID:output:)``, so that an
    /// effect's layout does not depend on the application.
    indirect case complete(requestID: Int, output: Machine.Output?)
}

/// Collects the effects of one handler call, in order, and what the role observed.
///
/// Hosts keep one outbox and reuse its storage: call ``removeAll()`` before each handler.
public struct Outbox<Machine: StateMachine>: Sendable {
    /// The effects requested so far, in the order requested.
    public private(set) var effects: [Effect<Machine>] = []
    /// What happened so far, in the order it happened.
    public private(set) var observations: [Observation<Machine>] = []
    /// The host's clock while the handler runs, in ticks: the simulator's virtual time, or the
    /// runtime's monotonic time since the cluster started. Hosts set it before each handler;
    /// roles read it to time round trips (``RetransmitTimer``), as etcd's core is told the
    /// time by `Tick()`, and never read a clock themselves.
    public var now = 0

    public init() {}

    /// Asks to send `message` to `destination`.
    public mutating func send(_ message: Message<Machine>, to destination: ProcessID) {
        effects.append(.send(message, to: destination))
    }

    /// Asks to send `message` to each of `destinations`, in order.
    public mutating func send(_ message: Message<Machine>, to destinations: [ProcessID]) {
        for destination in destinations {
            effects.append(.send(message, to: destination))
        }
    }

    /// Asks to start `child`, which moves into the effect.
    public mutating func spawn(_ child: __owned Role<Machine>) {
        effects.append(.spawn(child))
    }

    /// Asks to fire `timer` after `delay` ticks.
    public mutating func setTimer(_ timer: TimerID, after delay: Int) {
        effects.append(.setTimer(timer, after: delay))
    }

    /// Asks to forget the pending `timer` (``Effect/cancelTimer(_:)``).
    public mutating func cancelTimer(_ timer: TimerID) {
        effects.append(.cancelTimer(timer))
    }

    /// Says this process has finished.
    public mutating func exit() {
        effects.append(.exit)
    }

    /// Reports a completed client request.
    public mutating func complete(requestID: Int, output: Machine.Output?) {
        effects.append(.complete(requestID: requestID, output: output))
    }

    /// Reports that `observation` happened.
    public mutating func observe(_ observation: Observation<Machine>) {
        observations.append(observation)
    }

    /// Empties the outbox, keeping its storage for the next handler; ``now`` stays.
    public mutating func removeAll() {
        // Popped one by one: each element is destroyed by the specialized code inline, where
        // removeAll(keepingCapacity:) goes through replaceSubrange and the runtime's
        // swift_arrayDestroy. Most handlers observe nothing.
        while effects.popLast() != nil {}
        while observations.popLast() != nil {}
    }
}

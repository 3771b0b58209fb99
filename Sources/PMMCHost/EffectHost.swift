import PMMC

/// A host of role state machines, as the interpreter of what their handlers leave in the
/// outbox: ``carryOut(_:of:)`` turns each ``Effect`` into one of the host's actions, in
/// order, and ``report(_:of:)`` each ``Observation`` a host acts on. The simulator and the
/// actor runtime conform, so that both (and any later host) read effects the same way.
public protocol EffectHost<Machine> {
    associatedtype Machine: StateMachine

    /// `source` asked to send `message` to `destination`.
    mutating func send(_ message: Message<Machine>, from source: ProcessID, to destination: ProcessID)
    /// Leader `parent` asked to start its scout or commander `child`, given owned, so that a
    /// host that keeps it (the simulator's table) can move it there instead of copying it.
    mutating func spawn(_ child: __owned Role<Machine>, by parent: ProcessID)
    /// `process` asked for `timer` after `delay` ticks.
    mutating func setTimer(_ timer: TimerID, after delay: Int, for process: ProcessID)
    /// `process` asked to forget its pending `timer`s.
    mutating func cancelTimer(_ timer: TimerID, for process: ProcessID)
    /// `process` has finished.
    mutating func exit(_ process: ProcessID)
    /// Client `client`'s request `requestID` completed with `output`.
    mutating func complete(client: ProcessID, requestID: Int, output: Machine.Output?)

    /// Replica `replica` learned that `command` is decided in `slot`.
    mutating func decided(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID)
    /// Replica `replica` performed slot `slot`.
    mutating func applied(_ slot: Int, _ command: Command<Machine>, by replica: ProcessID)
    /// Leader `leader` was preempted by `ballot` and is now passive.
    mutating func preempted(_ leader: ProcessID, by ballot: Ballot)
    /// Leader `leader` became active: a majority of acceptors adopted its `ballot`.
    mutating func adopted(_ leader: ProcessID, ballot: Ballot)
}

extension EffectHost {
    /// Carries out `effects`, which process `process`'s handler asked for, in order.
    ///
    /// Always inlined into the host, so that a generic host (the simulator over its state
    /// machine) calls its own actions directly and specialized with it, not through the
    /// protocol's witness table: through the witnesses the simulator ran 2.8 times the
    /// instructions (Docs/Performance.md).
    @inlinable @inline(__always)
    public mutating func carryOut(_ effects: [Effect<Machine>], of process: ProcessID) {
        for effect in effects {
            switch effect {
            case .send(let message, let destination): send(message, from: process, to: destination)
            case .spawn(let child): spawn(child, by: process)
            case .setTimer(let timer, let delay): setTimer(timer, after: delay, for: process)
            case .cancelTimer(let timer): cancelTimer(timer, for: process)
            case .exit: exit(process)
            case .complete(let requestID, let output): complete(client: process, requestID: requestID, output: output)
            }
        }
    }

    /// Acts on `observations`, which process `process` reported, in order: decisions,
    /// performed slots, preemptions and a leader's adoption. The rest (an acceptor's adopted,
    /// accepted and rejected pvalues, collected state, a restored snapshot, ignored messages)
    /// concern only the invariant monitor and the trace of a delivery.
    @inlinable @inline(__always)
    public mutating func report(_ observations: [Observation<Machine>], of process: ProcessID) {
        for observation in observations {
            switch observation {
            case .decided(let slot, let command): decided(slot, command, by: process)
            case .applied(let slot, let command): applied(slot, command, by: process)
            case .preempted(let ballot): preempted(process, by: ballot)
            case .adopted(let ballot): if case .leader = process { adopted(process, ballot: ballot) }
            case .accepted, .rejected, .collected, .restored, .ignored: break
            }
        }
    }

    /// Does nothing: a host that does not count preemptions need not implement it.
    public mutating func preempted(_ leader: ProcessID, by ballot: Ballot) {}

    /// Does nothing: a host that does not follow the leadership need not implement it.
    public mutating func adopted(_ leader: ProcessID, ballot: Ballot) {}
}

import PMMC

/// One call a script made on a ``Simulation``, at the level of its scripted schedule: what
/// ``Simulation/log`` records so that the same run can be rebuilt on a fresh simulation of the
/// same options with ``Simulation/replay(_:)``.
///
/// The conveniences of the schedule (``Simulation/deliver(_:from:to:)``,
/// ``Simulation/fire(_:of:)``, ``Simulation/start(_:)``) are recorded as the ``perform(_:)`` or
/// ``drop(_:)`` they come down to. Pending event ids are the same on replay, as one seed and
/// one sequence of calls give one run.
public enum ScriptedAction<Machine: StateMachine>: Hashable, Sendable, CustomStringConvertible {
    /// ``Simulation/perform(_:)``: event `id` handled now.
    case perform(Int)
    /// ``Simulation/drop(_:)``: pending message `id` lost.
    case drop(Int)
    /// ``Simulation/inject(_:from:to:)``: `message` sent to `destination` as if from `source`.
    case inject(Message<Machine>, from: ProcessID, to: ProcessID)
    /// ``Simulation/crash(_:)``.
    case crash(ProcessID)
    /// ``Simulation/restart(_:)``.
    case restart(ProcessID)
    /// ``Simulation/submit(_:client:)``.
    case submit(Command<Machine>.Body, client: Int)
    /// ``Simulation/reconfigure(leaders:acceptors:client:)``.
    case reconfigure(leaders: Int, acceptors: Int, client: Int)
    /// ``Simulation/schedule(_:at:)``.
    case schedule(Fault, at: Int)
    /// ``Simulation/run(until:timeLimit:)`` that handled `events` events; replayed as exactly
    /// that many.
    case run(events: Int)

    /// E.g. `perform #12`, `inject l0/s1 → a0 p1a(0.1)`, `run 40 events`.
    public var description: String {
        switch self {
        case .perform(let id): "perform #\(id)"
        case .drop(let id): "drop #\(id)"
        case .inject(let message, let source, let destination): "inject \(source) → \(destination) \(message)"
        case .crash(let process): "crash \(process)"
        case .restart(let process): "restart \(process)"
        case .submit(let body, let client): "submit \(body) by c\(client)"
        case .reconfigure(let leaders, let acceptors, let client):
            "reconfigure to \(leaders) new leader\(leaders == 1 ? "" : "s") and \(acceptors) new acceptor\(acceptors == 1 ? "" : "s") by c\(client)"
        case .schedule(let fault, let time): "schedule \(fault) at t=\(time)"
        case .run(let events): "run \(events) event\(events == 1 ? "" : "s")"
        }
    }

    /// Messages are only `Equatable`, so an injection hashes by its ends and the message's kind.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .perform(let id): hasher.combine(0); hasher.combine(id)
        case .drop(let id): hasher.combine(1); hasher.combine(id)
        case .inject(let message, let source, let destination):
            hasher.combine(2); hasher.combine(message.kind); hasher.combine(source); hasher.combine(destination)
        case .crash(let process): hasher.combine(3); hasher.combine(process)
        case .submit(let body, let client): hasher.combine(4); hasher.combine(body); hasher.combine(client)
        case .reconfigure(let leaders, let acceptors, let client):
            hasher.combine(5); hasher.combine(leaders); hasher.combine(acceptors); hasher.combine(client)
        case .schedule(let fault, let time): hasher.combine(6); hasher.combine(fault); hasher.combine(time)
        case .run(let events): hasher.combine(7); hasher.combine(events)
        case .restart(let process): hasher.combine(8); hasher.combine(process)
        }
    }
}

extension Simulation {
    /// Carries out `action` as the call it records would: the way to rebuild a run from a
    /// ``log`` on a fresh simulation of the same ``options``. The action is logged again.
    public func replay(_ action: ScriptedAction<Machine>) throws(SimulationError) {
        switch action {
        case .perform(let id): try perform(id)
        case .drop(let id): try drop(id)
        case .inject(let message, let source, let destination): try inject(message, from: source, to: destination)
        case .crash(let process): try crash(process)
        case .restart(let process): try restart(process)
        case .submit(let body, let client): try submit(body, client: client)
        case .reconfigure(let leaders, let acceptors, let client): try reconfigure(leaders: leaders, acceptors: acceptors, client: client)
        case .schedule(let fault, let time): try schedule(fault, at: time)
        case .run(let events):
            var handled = 0
            run(until: { _ in
                defer { handled += 1 }
                return handled == events
            }, timeLimit: .max)
        }
    }
}

import PMMC

/// Conveniences for scripted schedules: pick a pending event by what it is rather than by id.
extension Simulation {
    /// The pending messages from `source` to `destination` of kind `kind` (each `nil` matches
    /// anything), oldest first. A leader's name matches its scouts and commanders too.
    public func pendingMessages(from source: ProcessID? = nil, to destination: ProcessID? = nil, kind: MessageKind? = nil) -> [PendingEvent<Machine>] {
        pending.filter { event in
            guard let envelope = event.envelope else { return false }
            return Self.matches(envelope.source, source) && Self.matches(envelope.destination, destination)
                && (kind == nil || envelope.message.kind == kind)
        }.sorted { $0.id < $1.id }
    }

    /// Delivers the oldest pending message that matches, as ``pendingMessages(from:to:kind:)``.
    /// Returns the message delivered.
    @discardableResult
    public func deliver(_ kind: MessageKind? = nil, from source: ProcessID? = nil, to destination: ProcessID? = nil) throws(SimulationError) -> Envelope<Machine> {
        guard let event = pendingMessages(from: source, to: destination, kind: kind).first, let envelope = event.envelope else {
            throw .noSuchEvent(Self.describe(kind, source, destination))
        }
        try perform(event.id)
        return envelope
    }

    /// Loses the oldest pending message that matches. Returns the message lost.
    @discardableResult
    public func drop(_ kind: MessageKind? = nil, from source: ProcessID? = nil, to destination: ProcessID? = nil) throws(SimulationError) -> Envelope<Machine> {
        guard let event = pendingMessages(from: source, to: destination, kind: kind).first, let envelope = event.envelope else {
            throw .noSuchEvent(Self.describe(kind, source, destination))
        }
        try drop(event.id)
        return envelope
    }

    /// Fires the pending timer of `process` (with id `timer`, if given) that is due first. A
    /// leader's name matches its scouts' and commanders' timers too.
    public func fire(_ timer: TimerID? = nil, of process: ProcessID) throws(SimulationError) {
        let event = pending.first { event in
            guard case .timer(let owner, let id) = event.kind else { return false }
            return Self.matches(owner, process) && (timer == nil || id == timer)
        }
        guard let event else { throw .noSuchEvent("timer " + (timer.map { "\($0) " } ?? "") + "of \(process)") }
        try perform(event.id)
    }

    /// Starts leader `leader`: it spawns its first scout.
    public func start(_ leader: ProcessID) throws(SimulationError) {
        let event = pending.first { if case .start(leader) = $0.kind { true } else { false } }
        guard let event else { throw .noSuchEvent("start of \(leader)") }
        try perform(event.id)
    }

    private static func matches(_ process: ProcessID, _ pattern: ProcessID?) -> Bool {
        guard let pattern else { return true }
        return process == pattern || (pattern.host == pattern && process.host == pattern)
    }

    private static func describe(_ kind: MessageKind?, _ source: ProcessID?, _ destination: ProcessID?) -> String {
        "\(kind.map(\.description) ?? "message")" + (source.map { " from \($0)" } ?? "") + (destination.map { " to \($0)" } ?? "")
    }
}

/// What a replica sends a replica that is behind when the decisions it needs were already
/// collected (catch-up, Docs/Pragmatics.md): the application state and the client sessions
/// after every slot below ``slotOut``, and the configurations in force from there on.
public struct ReplicaSnapshot<Machine: StateMachine>: Hashable, Sendable {
    /// The leaders of one configuration and the first slot they are responsible for.
    public struct LeaderEra: Hashable, Sendable {
        public let firstSlot: Int
        public let leaders: [ProcessID]
    }

    /// Every slot below this one is executed in ``state``.
    public let slotOut: Int
    /// The application state after the slots below ``slotOut``.
    public let state: Machine
    /// Each client's last executed request and its output, for at-most-once execution.
    public let sessions: ClientMap<Replica<Machine>.Session>
    /// Every configuration's leaders, oldest first.
    public let leaderEras: [LeaderEra]
    /// The reconfigurations performed within WINDOW slots below ``slotOut``, by slot: they
    /// take effect at or after ``slotOut``.
    public let reconfigurations: [Int: Configuration]

    /// Hashes everything but ``state``, which a state machine need not be able to hash; equal
    /// snapshots still hash equally.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(slotOut)
        hasher.combine(sessions)
        hasher.combine(leaderEras)
        hasher.combine(reconfigurations)
    }
}

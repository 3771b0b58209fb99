import PMMC

/// Two replicas that performed different commands in the same slot: R1 broken, as the
/// replicas' logs show it.
public struct LogDisagreement<Machine: StateMachine>: Sendable {
    /// The replica whose log differs from the longest.
    public let replica: ProcessID
    /// What it performed in ``slot``.
    public let command: Command<Machine>
    /// The first slot where the two logs differ.
    public let slot: Int
    /// The replica with the longest log.
    public let reference: ProcessID
    /// What the reference performed in ``slot``.
    public let referenceCommand: Command<Machine>
}

extension Simulation {
    /// For each replica whose log (its decisions below `slotOut`) is not a prefix of the
    /// longest one, the first slot where they differ, in replica order. Empty when the logs
    /// agree; a replica that is only behind agrees.
    public var logDisagreements: [LogDisagreement<Machine>] {
        let replicas = self.replicas
        guard let longest = replicas.max(by: { $0.log.count < $1.log.count }) else { return [] }
        let reference = longest.log
        return replicas.compactMap { replica in
            guard replica.id != longest.id else { return nil }
            let log = replica.log
            guard let index = log.indices.first(where: { log[$0] != reference[$0] }) else { return nil }
            return LogDisagreement(replica: replica.id, command: log[index], slot: index + 1,
                                   reference: longest.id, referenceCommand: reference[index])
        }
    }
}

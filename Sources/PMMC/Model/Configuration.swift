/// The processes of a deployment: replicas, and the leaders and acceptors that decide slots.
///
/// To tolerate `f` crashes the paper uses `2f + 1` acceptors and `f + 1` leaders and
/// replicas. A reconfiguration replaces the leaders and acceptors; the replicas stay.
public struct Configuration: Hashable, Sendable, CustomStringConvertible {
    public let replicas: [ProcessID]
    public let leaders: [ProcessID]
    public let acceptors: [ProcessID]

    /// A configuration of the given processes, checked by ``validate()``.
    public init(replicas: [ProcessID], leaders: [ProcessID], acceptors: [ProcessID]) throws(ConfigurationError) {
        self.replicas = replicas
        self.leaders = leaders
        self.acceptors = acceptors
        try validate()
    }

    /// `replicas` replicas `r0…`, `leaders` leaders numbered from `firstLeader`, and
    /// `acceptors` acceptors numbered from `firstAcceptor`.
    public init(
        replicas: Int, leaders: Int, acceptors: Int, firstLeader: Int = 0, firstAcceptor: Int = 0
    ) throws(ConfigurationError) {
        for (role, count) in [("replica", replicas), ("leader", leaders), ("acceptor", acceptors)] where count < 1 {
            throw ConfigurationError.empty(role: role)
        }
        try self.init(
            replicas: (0..<replicas).map(ProcessID.replica),
            leaders: (firstLeader..<firstLeader + leaders).map(ProcessID.leader),
            acceptors: (firstAcceptor..<firstAcceptor + acceptors).map(ProcessID.acceptor))
    }

    /// Checks that every set is non-empty, holds processes of its own role, and has no repeats.
    public func validate() throws(ConfigurationError) {
        let sets: [(String, [ProcessID], (ProcessID) -> Bool)] = [
            ("replica", replicas, { if case .replica = $0 { true } else { false } }),
            ("leader", leaders, { if case .leader = $0 { true } else { false } }),
            ("acceptor", acceptors, { if case .acceptor = $0 { true } else { false } }),
        ]
        for (role, members, hasRole) in sets {
            if members.isEmpty { throw .empty(role: role) }
            if let stranger = members.first(where: { !hasRole($0) }) {
                throw .wrongRole(stranger, expected: role)
            }
            if Set(members).count != members.count { throw .duplicate(role: role) }
        }
    }

    /// How many acceptor crashes the configuration survives: `⌊(n − 1) / 2⌋` of `n` acceptors.
    public var toleratedFailures: Int { (acceptors.count - 1) / 2 }

    /// The smallest number of acceptors that forms a majority.
    public var majority: Int { acceptors.count / 2 + 1 }

    /// The leaders and acceptors, as a reconfiguration command prints them.
    public var leadersAndAcceptors: String {
        "[\(leaders.map(\.description).joined(separator: ","))|\(acceptors.map(\.description).joined(separator: ","))]"
    }

    public var description: String {
        "replicas [\(replicas.map(\.description).joined(separator: ","))], "
            + "leaders [\(leaders.map(\.description).joined(separator: ","))], "
            + "acceptors [\(acceptors.map(\.description).joined(separator: ","))] "
            + "(tolerates \(toleratedFailures) acceptor failure\(toleratedFailures == 1 ? "" : "s"))"
    }
}

/// Why a ``Configuration`` is malformed.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case empty(role: String)
    case wrongRole(ProcessID, expected: String)
    case duplicate(role: String)
    case replicasChanged

    public var description: String {
        switch self {
        case .empty(let role): return "a configuration needs at least one \(role)"
        case .wrongRole(let process, let expected): return "\(process) is not a \(expected)"
        case .duplicate(let role): return "a \(role) is listed twice"
        case .replicasChanged: return "a reconfiguration may change leaders and acceptors, not replicas"
        }
    }
}

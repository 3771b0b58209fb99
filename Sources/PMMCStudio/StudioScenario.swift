import PMMC
import PMMCSimulation
import PMMCTeaching

/// What a studio session starts from: a walk-through (one of its parts, with its "Or…"
/// outcomes as branches), or a cluster on the paper's settings that the student drives.
public enum StudioScenario: Hashable, Sendable, CustomStringConvertible {
    /// Part `part` of the walk-through called `name`; a part that retells the story under
    /// other settings is a scenario of its own.
    case walkthrough(name: String, part: Int)
    /// A cluster of `Scene.options(replicas:leaders:acceptors:clients:)`: one-tick messages,
    /// nothing lost, the paper's settings, and nothing happening until the student acts.
    case cluster(Cluster)

    /// The size of a ``StudioScenario/cluster(_:)`` and its application.
    public struct Cluster: Hashable, Sendable {
        public var replicas: Int
        public var leaders: Int
        public var acceptors: Int
        public var clients: Int
        /// `labels` (the slides' `A`, `B`) or `kv` (the key-value store).
        public var machine: Machine

        public enum Machine: String, Hashable, Sendable, CaseIterable {
            case labels, kv
        }

        /// At most 9 of each, at least 1 (0 clients allowed).
        public init(replicas: Int = 2, leaders: Int = 2, acceptors: Int = 3, clients: Int = 1, machine: Machine = .labels) throws(StudioError) {
            for (name, count, least) in [("replicas", replicas, 1), ("leaders", leaders, 1), ("acceptors", acceptors, 1), ("clients", clients, 0)]
            where !(least...9).contains(count) {
                throw .badRequest("\(name) must be from \(least) to 9, got \(count)")
            }
            self.replicas = replicas
            self.leaders = leaders
            self.acceptors = acceptors
            self.clients = clients
            self.machine = machine
        }

        var options: SimulationOptions {
            Scene.options(replicas: replicas, leaders: leaders, acceptors: acceptors, clients: clients)
        }
    }

    public var description: String {
        switch self {
        case .walkthrough(let name, let part): "walk-through \(name)" + (part == 0 ? "" : ", part \(part + 1)")
        case .cluster(let cluster):
            "cluster of \(cluster.replicas) replica\(cluster.replicas == 1 ? "" : "s"), \(cluster.leaders) leader\(cluster.leaders == 1 ? "" : "s"), "
                + "\(cluster.acceptors) acceptor\(cluster.acceptors == 1 ? "" : "s"), \(cluster.clients) client\(cluster.clients == 1 ? "" : "s") (\(cluster.machine.rawValue))"
        }
    }

    /// The walk-through's name and part, for a ``walkthrough(name:part:)``.
    public var walkthrough: (name: String, part: Int)? {
        if case .walkthrough(let name, let part) = self { return (name, part) }
        return nil
    }

    /// The cluster, for a ``cluster(_:)``.
    public var cluster: Cluster? {
        if case .cluster(let cluster) = self { return cluster }
        return nil
    }

    /// The arguments of `pmmc studio` that open this scenario, for a trace file's header.
    public var arguments: [String] {
        switch self {
        case .walkthrough(let name, let part): [name] + (part == 0 ? [] : ["--part", "\(part + 1)"])
        case .cluster(let cluster):
            ["--replicas", "\(cluster.replicas)", "--leaders", "\(cluster.leaders)", "--acceptors", "\(cluster.acceptors)",
             "--clients", "\(cluster.clients)", "--machine", cluster.machine.rawValue]
        }
    }

    /// A new session on this scenario, at its start; a walk-through is looked up by name in
    /// `catalog`.
    public func open(catalog: [Walkthrough] = Walkthroughs.all) throws(StudioError) -> any StudioSessionProtocol {
        switch self {
        case .cluster(let cluster):
            let title = "A cluster of your own"
            let lesson = "Nothing happens until you act: start a leader, deliver, drop or duplicate messages, fire timers, crash processes, submit commands."
            switch cluster.machine {
            case .labels: return try StudioSession<Labels>(scenario: self, title: title, lesson: lesson, options: cluster.options, branches: [])
            case .kv: return try StudioSession<KeyValueStore>(scenario: self, title: title, lesson: lesson, options: cluster.options, branches: [])
            }
        case .walkthrough(let name, let part):
            guard let walkthrough = catalog.first(where: { $0.name == name }) else { throw .notFound("unknown walk-through '\(name)'") }
            let transcript: Transcript
            do {
                transcript = try walkthrough.run()
            } catch {
                throw StudioError(status: 500, "walk-through \(name) failed: \(error)")
            }
            let roots = transcript.parts.indices.filter { transcript.parts[$0].forksFrom == nil }
            guard roots.contains(part), let options = transcript.parts[part].recording?.options else {
                throw .notFound("walk-through \(name) has no part \(part + 1) to start from")
            }
            if let session = try WalkthroughBranches<Labels>.session(self, transcript, root: part, options: options) { return session }
            if let session = try WalkthroughBranches<KeyValueStore>.session(self, transcript, root: part, options: options) { return session }
            throw StudioError(status: 500, "walk-through \(name) runs on a state machine the studio does not know")
        }
    }

    /// The parts of `walkthrough` a session can start from: its first part and each retelling.
    public static func startingParts(of transcript: Transcript) -> [(part: Int, heading: String)] {
        transcript.parts.indices.filter { transcript.parts[$0].forksFrom == nil }
            .map { ($0, transcript.parts[$0].heading ?? transcript.title) }
    }
}

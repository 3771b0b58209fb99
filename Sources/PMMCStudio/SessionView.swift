/// What the page shows of a session, sent as JSON by `GET /api/state` and after every move.
public struct SessionView: Codable, Equatable, Sendable {
    public struct BranchView: Codable, Equatable, Sendable {
        public var name: String
        public var length: Int
    }

    public struct EntryView: Codable, Equatable, Sendable {
        public var label: String
        public var scripted: Bool
    }

    /// A pending event and what can be done with it: `deliver`, `drop` and `duplicate` for a
    /// message, `fire` for a timer, `start` for a leader's start, `apply` for a fault.
    public struct PendingView: Codable, Equatable, Sendable {
        public var id: Int
        public var time: Int
        public var kind: String
        public var text: String
        public var moves: [String]
    }

    /// A process in the slides' notation; clients have no state lines.
    public struct ProcessView: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var lines: [String]
        public var crashed: Bool
        /// Whether the last step carried out changed the lines.
        public var changed: Bool
    }

    public var title: String
    public var lesson: String
    /// E.g. `walk-through acceptors` or `cluster of 2 replicas, 2 leaders, 3 acceptors, 1 client`.
    public var scenario: String
    /// The walk-through the session is on, if any, and the part it starts from (from 0).
    public var walkthrough: String?
    public var part: Int?
    /// The cluster the session is on, if it is a cluster of the student's own.
    public var cluster: ClusterView?

    public struct ClusterView: Codable, Equatable, Sendable {
        public var replicas: Int
        public var leaders: Int
        public var acceptors: Int
        public var clients: Int
        public var machine: String
    }
    /// E.g. `put k1 v1`: what the submit box suggests.
    public var operationExample: String
    public var clients: Int
    public var time: Int
    public var violation: String?
    public var branch: Int
    public var branches: [BranchView]
    public var position: Int
    public var entries: [EntryView]
    public var pending: [PendingView]
    public var processes: [ProcessView]
    /// The space-time diagram of the steps carried out, as an SVG document.
    public var diagram: String
}

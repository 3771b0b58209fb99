/// What the page shows of a session, sent as JSON by `GET /api/state` and after every move.
public struct SessionView: Codable, Equatable, Sendable {
    /// A branch: its name and how many steps it has.
    public struct BranchView: Codable, Equatable, Sendable {
        public var name: String
        public var length: Int
    }

    /// A step of the current branch: its narration or what the student did, and whether a
    /// walk-through took it.
    public struct EntryView: Codable, Equatable, Sendable {
        public var label: String
        public var scripted: Bool
    }

    /// A pending event and what can be done with it: `deliver`, `drop` and `duplicate` for a
    /// message, `fire` for a timer, `start` for a leader's start, `apply` for a fault.
    public struct PendingView: Codable, Equatable, Sendable {
        /// The id to send with a move.
        public var id: Int
        /// When the random schedule would handle it.
        public var time: Int
        /// `message`, `timer`, `start` or `fault`.
        public var kind: String
        /// E.g. `l0/s1 → a0 p1a(0.0)`.
        public var text: String
        public var moves: [String]
    }

    /// A process in the slides' notation; clients have no state lines.
    public struct ProcessView: Codable, Equatable, Sendable {
        /// E.g. `a0`.
        public var id: String
        /// E.g. `Acceptor a0`, with `(crashed)` after a crash.
        public var title: String
        /// E.g. `ballot_num: 0.1`, `accepted: []`.
        public var lines: [String]
        public var crashed: Bool
        /// Whether the last step carried out changed the lines.
        public var changed: Bool
    }

    /// The walk-through's title, or `A cluster of your own`.
    public var title: String
    /// What the walk-through teaches, or what to do on a cluster of one's own.
    public var lesson: String
    /// E.g. `walk-through acceptors` or `cluster of 2 replicas, 2 leaders, 3 acceptors, 1 client`.
    public var scenario: String
    /// The walk-through the session is on, if any, and the part it starts from (from 0).
    public var walkthrough: String?
    public var part: Int?
    /// The cluster the session is on, if it is a cluster of the student's own.
    public var cluster: ClusterView?

    /// The size and application of a cluster of the student's own.
    public struct ClusterView: Codable, Equatable, Sendable {
        public var replicas: Int
        public var leaders: Int
        public var acceptors: Int
        public var clients: Int
        public var machine: String
    }
    /// E.g. `put k1 v1`: what the submit box suggests.
    public var operationExample: String
    /// How many clients can submit.
    public var clients: Int
    /// The simulation's virtual time.
    public var time: Int
    /// The first invariant violated, if any.
    public var violation: String?
    /// The index in ``branches`` of the current branch.
    public var branch: Int
    public var branches: [BranchView]
    /// How many of the current branch's steps are carried out.
    public var position: Int
    /// The current branch's steps.
    public var entries: [EntryView]
    /// Every pending event, in the order the random schedule would handle them.
    public var pending: [PendingView]
    /// Every client, replica, leader and acceptor, in id order.
    public var processes: [ProcessView]
    /// The space-time diagram of the steps carried out, as an SVG document.
    public var diagram: String
}

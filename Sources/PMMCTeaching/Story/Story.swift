import PMMC

/// A walk-through written as a short schedule file rather than in Swift, for
/// `pmmc walkthrough --file STORY`: a title and lesson, a cluster, then steps, each with its
/// narration and the scheduling actions it performs, optional "Or…" branches, and the
/// expectations checked at the end. Commands are bare labels (`A`, `B`), as on the slides.
///
/// ```
/// title: A lost p2b
/// lesson: One acceptor's answer is lost, and a majority is still enough.
/// cluster: replicas 1, leaders 1, acceptors 3, clients 1
///
/// setup: l0 is elected with ballot 0.0
///     start l0
///     elect l0 by a0 a1 a2
/// step: c0 asks for A, and r0 proposes it for slot 1
///     submit A by c0
///     deliver request to r0
/// or: Branch A: a0's p2b is lost
/// step: …
/// expect slot 1 decided A
/// ```
///
/// ``Story/init(parsing:name:)`` reads the format (Docs/Walkthroughs.md, "Writing your own"
/// lists every line it takes); ``Walkthrough/init(story:)`` runs it.
public struct Story: Sendable {
    /// The walk-through's name, e.g. the file's name without its extension.
    public var name: String
    public var title: String
    /// One line for listings; the lesson's first sentence unless `summary:` gives one.
    public var summary: String
    public var lesson: String
    public var cluster: Cluster
    /// `Settings.paper()` unless the file says `settings: practical`.
    public var settings: Settings
    /// The processes drawn, left to right; every process of the cluster when `nil`.
    public var lanes: [ProcessID]?
    /// The story before any branch.
    public var entries: [Entry]
    /// The "Or…" outcomes, each told from the state the story reached before the first.
    public var branches: [Branch]

    /// How many processes of each role the story's cluster has.
    public struct Cluster: Hashable, Sendable {
        public var replicas = 1
        public var leaders = 1
        public var acceptors = 3
        public var clients = 1

        public init() {}
    }

    /// A step or an expectation, with the line it was written on.
    public enum Entry: Hashable, Sendable {
        case step(Step)
        case expectation(Expectation)
    }

    /// One step: its narration, whether it is scene-setting (`setup:`, listing only
    /// decisions and crashes), and its actions in order.
    public struct Step: Hashable, Sendable {
        public var line: Int
        public var narration: String
        public var quiet: Bool
        public var actions: [Action]
    }

    /// One "Or…" branch: its heading and its own steps and expectations.
    public struct Branch: Hashable, Sendable {
        public var line: Int
        public var heading: String
        public var entries: [Entry]
    }

    /// One scheduling action of a step.
    public struct Action: Hashable, Sendable {
        public var line: Int
        public var kind: Kind

        public enum Kind: Hashable, Sendable {
            /// `start l0`: the leader spawns its first scout.
            case start(ProcessID)
            /// `elect l0 by a0 a1 a2`: phase 1 with the first majority of these acceptors.
            case elect(ProcessID, by: [ProcessID])
            /// `accept [slot S] from l0 at a0 a1`: phase 2 for the leader's oldest commander,
            /// or its commander for slot S.
            case accept(slot: Int?, from: ProcessID, at: [ProcessID])
            /// `submit A by c0`: the client sends command `A` to every replica.
            case submit(String, client: Int)
            /// `deliver [KIND] [from P] [to P]`: the oldest matching message arrives.
            case deliver(MessageKind?, from: ProcessID?, to: ProcessID?)
            /// `drop [KIND] [from P] [to P]`: the oldest matching message is lost.
            case drop(MessageKind?, from: ProcessID?, to: ProcessID?)
            /// `fire [TIMER] of P`: P's timer (of that name, e.g. `proposalRetransmit`) fires.
            case fire(String?, of: ProcessID)
            /// `crash P`: the process stops, until a `restart P`.
            case crash(ProcessID)
            /// `restart P`: crashed P comes back with the state it had (a leader with a
            /// higher ballot and a new scout).
            case restart(ProcessID)
            /// `run N`: the simulator's own schedule runs for N ticks.
            case run(ticks: Int)
        }
    }

    /// A check on the final state of the story or of a branch.
    public struct Expectation: Hashable, Sendable {
        public var line: Int
        /// The line as written, after `expect`, e.g. `r0 log A B`.
        public var text: String
        public var kind: Kind

        public enum Kind: Hashable, Sendable {
            /// `expect r0 log A B`: the replica's log, slot 1 up to `slot_out`.
            case log(ProcessID, [String])
            /// `expect a0 ballot 0.1`: an acceptor's or leader's ballot.
            case ballot(ProcessID, Ballot)
            /// `expect l0 active` or `expect l0 passive`.
            case active(ProcessID, Bool)
            /// `expect a0 accepted <0.1, 1, A>`: the acceptor holds this pvalue.
            case accepted(ProcessID, String)
            /// `expect slot 1 decided A`: every replica that knows slot 1 has A, and one does.
            case decided(slot: Int, command: String)
            /// `expect c0 output [A]`: the client's latest completed operation answered this.
            case output(ProcessID, String)
        }
    }
}

/// A line of a story file that cannot be read.
public struct StoryError: Error, Hashable, CustomStringConvertible {
    /// The line, counted from 1.
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// E.g. `line 12: unknown action 'delivr'`.
    public var description: String { "line \(line): \(message)" }
}

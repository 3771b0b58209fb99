import PMMCTrace
import PMMC
import PMMCSimulation

/// A story told step by step: what each step delivered, dropped, fired or crashed, and the
/// state of the processes it touched, in the lecture slides' notation.
///
/// A walk-through records one as it runs; ``Transcript/init(trace:title:window:)`` builds one from
/// the trace of an ordinary simulation. The renderers (``TextRenderer``, ``MarkdownRenderer``,
/// ``MermaidRenderer``, ``SVGRenderer``) draw any transcript.
public struct Transcript: Hashable, Sendable {
    /// A heading, e.g. `Leader: getting elected`.
    public var title: String
    /// A paragraph saying what the story teaches; empty for a plain trace.
    public var lesson: String
    /// The processes the pictures draw a line for, left to right. Scouts and commanders are
    /// drawn on their leader's line.
    public var lanes: [ProcessID]
    /// The story's parts. A walk-through that branches ("Or…" in the slides) has one part for
    /// the steps before the fork and one per outcome, each outcome starting from the state at
    /// the fork.
    public var parts: [Part]
    /// The invariants the story demonstrates, checked at its end.
    public var checks: [Check]

    public init(title: String, lesson: String = "", lanes: [ProcessID], parts: [Part], checks: [Check] = []) {
        self.title = title
        self.lesson = lesson
        self.lanes = lanes
        self.parts = parts
        self.checks = checks
    }

    /// One part of the story: a run of steps, under a heading when the story branches.
    public struct Part: Hashable, Sendable {
        /// E.g. `Branch A: two acceptors already follow 0.1`; `nil` for an unbranched story.
        public var heading: String?
        /// For an outcome of a fork: the index in ``Transcript/parts`` of the part it forks
        /// from. The outcome continues from the state at the end of that part.
        public var forksFrom: Int?
        public var steps: [Step]
        /// For a part a ``Script`` told: its options and scripted calls, to rebuild the state
        /// after any step; `nil` for a plain trace.
        public var recording: ScriptRecording?

        public init(heading: String? = nil, forksFrom: Int? = nil, steps: [Step] = [], recording: ScriptRecording? = nil) {
            self.heading = heading
            self.forksFrom = forksFrom
            self.steps = steps
            self.recording = recording
        }
    }

    /// Whether every check holds.
    public var allChecksHold: Bool { checks.allSatisfy(\.holds) }
}


/// A process's state in the slides' notation, one `name: value` line each.
public struct ProcessState: Hashable, Sendable {
    public var process: ProcessID
    /// E.g. `Acceptor a1`.
    public var title: String
    /// E.g. `ballot_num: 0.1`, `accepted: [<0.1, 1, A>]`.
    public var lines: [String]
    /// Whether the step changed this state.
    public var changed: Bool
    /// The lines before the step, when the step changed them and the story knows them; the
    /// pictures mark each changed field `old → new` from them.
    public var previousLines: [String]?

    public init(process: ProcessID, title: String, lines: [String], changed: Bool, previousLines: [String]? = nil) {
        self.process = process
        self.title = title
        self.lines = lines
        self.changed = changed
        self.previousLines = previousLines
    }
}

/// A table with a label per row, e.g. nodes 0…4 as columns and `n_a`, `v_a` as rows.
public struct StateTable: Hashable, Sendable {
    public var title: String
    public var columns: [String]
    public var rows: [Row]

    public struct Row: Hashable, Sendable {
        public var label: String
        public var cells: [String]

        public init(label: String, cells: [String]) {
            self.label = label
            self.cells = cells
        }
    }

    public init(title: String, columns: [String], rows: [Row]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

extension Transcript {
    /// One step of a ``Transcript``: one scheduling decision (deliver, drop, fire, crash, …) or,
    /// for a plain trace, one instant of virtual time.
    public struct Step: Hashable, Sendable {
        /// Numbered from 1 across the whole transcript.
        public var number: Int
        /// What the step does and why it matters, e.g. `a0 receives p1a(0.0): "Nope!"`.
        public var narration: String
        /// Everything that happened during the step, in order.
        public var events: [TraceEvent]
        /// The state after the step of the processes it touched, and any tables.
        public var panels: [Panel]
        /// For a step a ``Script`` took: how many of its part's ``Part/recording`` actions had
        /// been carried out by the end of the step.
        public var actionCount: Int?

        public init(number: Int, narration: String, events: [TraceEvent] = [], panels: [Panel] = [], actionCount: Int? = nil) {
            self.number = number
            self.narration = narration
            self.events = events
            self.panels = panels
            self.actionCount = actionCount
        }
    }

    /// What a step shows beside its events.
    public enum Panel: Hashable, Sendable {
        /// One process's state.
        case state(ProcessState)
        /// A table, e.g. single-decree Paxos's `n_a, v_a, n_h, done` per node.
        case table(StateTable)
    }

    /// An invariant a story demonstrates, checked on the final state.
    public struct Check: Hashable, Sendable {
        /// A short name, e.g. `A1`.
        public var name: String
        /// The invariant in words.
        public var statement: String
        public var holds: Bool
        /// What was checked: the values that make it hold, or the counterexample.
        public var detail: String

        public init(name: String, statement: String, holds: Bool, detail: String) {
            self.name = name
            self.statement = statement
            self.holds = holds
            self.detail = detail
        }
    }
}

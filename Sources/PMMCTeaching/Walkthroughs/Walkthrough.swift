/// A scripted, deterministic story on the simulator: the same run every time, step by step.
public struct Walkthrough: Sendable {
    /// The name the command line takes, e.g. `acceptors`.
    public let name: String
    /// E.g. `Acceptors: adopting and accepting`.
    public let title: String
    /// One line for `pmmc walkthrough --list`.
    public let summary: String
    private let script: @Sendable () throws(WalkthroughError) -> Transcript

    /// A walk-through called `name` (for ``Walkthroughs/named(_:)``-style lookups and file
    /// names), whose `script` builds a ``Script``, drives it step by step and returns its
    /// ``Script/transcript``. See Docs/Walkthroughs.md, "Writing your own".
    public init(name: String, title: String, summary: String, script: @escaping @Sendable () throws(WalkthroughError) -> Transcript) {
        self.name = name
        self.title = title
        self.summary = summary
        self.script = script
    }

    /// Runs the story and returns what happened, with its final checks.
    public func run() throws(WalkthroughError) -> Transcript {
        try script()
    }
}

/// The branches of a studio session and where the student is: the model behind back,
/// forward, "fork here" and switching branches, independent of what an action is.
///
/// A branch is a list of entries, each one step of the story (a walk-through's narrated step,
/// or one thing the student did). The position counts the entries of the current branch that
/// have been carried out. Doing something new where entries follow (after going back) never
/// loses them: the branch up to the position is copied into a new branch, which gets the new
/// entry and becomes current.
public struct Timeline<Action: Hashable & Sendable>: Hashable, Sendable {
    /// One step: what it says, and the actions that carry it out.
    public struct Entry: Hashable, Sendable {
        /// E.g. `a0 receives p1a(0.1)` or `drop #12 l0/s1 → a1 p1a(0.1)`.
        public var label: String
        /// Whether a walk-through, rather than the student, took this step.
        public var scripted: Bool
        public var actions: [Action]

        public init(label: String, scripted: Bool, actions: [Action]) {
            self.label = label
            self.scripted = scripted
            self.actions = actions
        }
    }

    /// A named line of the story.
    public struct Branch: Hashable, Sendable {
        public var name: String
        public var entries: [Entry]

        public init(name: String, entries: [Entry]) {
            self.name = name
            self.entries = entries
        }
    }

    public private(set) var branches: [Branch]
    /// The index in ``branches`` of the branch shown.
    public private(set) var current = 0
    /// How many of the current branch's entries have been carried out.
    public private(set) var position = 0

    /// A timeline of `branches` (at least one), at the start of the first.
    public init(branches: [Branch]) {
        precondition(!branches.isEmpty, "a timeline has at least one branch")
        self.branches = branches
    }

    /// The current branch.
    public var branch: Branch { branches[current] }

    /// The entries carried out, in order.
    public var done: ArraySlice<Entry> { branch.entries[..<position] }

    /// One entry back; `false` at the start.
    public mutating func back() -> Bool {
        guard position > 0 else { return false }
        position -= 1
        return true
    }

    /// One entry forward along the branch; `false` at its end.
    public mutating func forward() -> Bool {
        guard position < branch.entries.count else { return false }
        position += 1
        return true
    }

    /// Moves to `position` on the current branch; `false` when it lies outside it.
    public mutating func go(to position: Int) -> Bool {
        guard (0...branch.entries.count).contains(position) else { return false }
        self.position = position
        return true
    }

    /// Copies the current branch up to the position into a new branch called `name` (or a
    /// name made from the current one) and makes it current. Returns its index.
    @discardableResult
    public mutating func fork(named name: String? = nil) -> Int {
        let entries = Array(done)
        branches.append(Branch(name: name ?? "\(branch.name), fork at step \(position)", entries: entries))
        current = branches.count - 1
        return current
    }

    /// Switches to branch `index`, at its end; `false` when there is none.
    public mutating func switchTo(_ index: Int) -> Bool {
        guard branches.indices.contains(index) else { return false }
        current = index
        position = branches[index].entries.count
        return true
    }

    /// Records `entry` as done at the position: appended when the position is at the end of
    /// the branch, otherwise on a new fork of the branch up to the position.
    public mutating func record(_ entry: Entry) {
        if position < branch.entries.count {
            fork(named: "\(branch.name), changed at step \(position + 1)")
        }
        branches[current].entries.append(entry)
        position += 1
    }
}

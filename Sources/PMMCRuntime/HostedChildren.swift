import PMMC

/// The scouts and commanders a leader's actor hosts, in the order spawned. The paper's
/// scouts and commanders are processes on their leader's machine; here they are roles inside
/// the leader's actor, so that a slot costs no actor, task or mailbox of its own
/// (Docs/Runtime.md, "Children in their leader's actor"). A leader has few at a time (one
/// scout, about WINDOW commanders), so they are found by a linear search.
struct HostedChildren<Machine: StateMachine> {
    private var roles: [Role<Machine>] = []

    /// The index of live child `id`, if it has not exited.
    func index(of id: ProcessID) -> Int? {
        roles.firstIndex { $0.id == id }
    }

    /// The state of live child `id`.
    func role(_ id: ProcessID) -> Role<Machine>? {
        index(of: id).map { roles[$0] }
    }

    mutating func append(_ child: Role<Machine>) {
        roles.append(child)
    }

    /// Forgets child `id`, which exited.
    mutating func remove(_ id: ProcessID) {
        if let index = index(of: id) { roles.remove(at: index) }
    }

    /// Child `index`'s role, to be handled in place.
    subscript(index: Int) -> Role<Machine> {
        get { roles[index] }
        _modify { yield &roles[index] }
    }
}

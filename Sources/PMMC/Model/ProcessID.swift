/// The name of a process, by role and index.
///
/// Long-lived processes are named as in the lecture slides: replicas `r0`, leaders `l0`,
/// acceptors `a0` and clients `c0`. Scouts and commanders are children of a leader and are
/// numbered by that leader in the order it spawns them: `l0/s1` is leader 0's first scout,
/// `l0/c2` its second child, a commander.
public enum ProcessID: Hashable, Comparable, Sendable, NotationPrintable {
    case client(Int)
    case replica(Int)
    case leader(Int)
    case acceptor(Int)
    case scout(leader: Int, number: Int)
    case commander(leader: Int, number: Int)

    /// The process that hosts this one: the spawning leader for a scout or commander, the
    /// process itself otherwise. Children share their host's fate (crash) and location
    /// (partition), as they run on the leader's machine in the paper.
    public var host: ProcessID {
        switch self {
        case .scout(let leader, _), .commander(let leader, _):
            return .leader(leader)
        case .client, .replica, .leader, .acceptor:
            return self
        }
    }

    /// Feeds one word to `hasher`: the index (a child's leader and number) and the role. Equal
    /// ids give equal words; the synthesized hash fed the case and each number separately, and
    /// replicas look up a client's session by its id for every request and every command.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .client(let index): hasher.combine(index << 3)
        case .replica(let index): hasher.combine(index << 3 | 1)
        case .leader(let index): hasher.combine(index << 3 | 2)
        case .acceptor(let index): hasher.combine(index << 3 | 3)
        case .scout(let leader, let number): hasher.combine((number << 16 ^ leader) << 3 | 4)
        case .commander(let leader, let number): hasher.combine((number << 16 ^ leader) << 3 | 5)
        }
    }

    public func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        switch self {
        case .client(let index): output.write("c"); output.write(index)
        case .replica(let index): output.write("r"); output.write(index)
        case .leader(let index): output.write("l"); output.write(index)
        case .acceptor(let index): output.write("a"); output.write(index)
        case .scout(let leader, let number): output.write("l"); output.write(leader); output.write("/s"); output.write(number)
        case .commander(let leader, let number): output.write("l"); output.write(leader); output.write("/c"); output.write(number)
        }
    }

    /// Parses the notation of ``description`` (`r0`, `l1/s3`, …); `nil` for anything else,
    /// including other spellings of the same number (`r01`, `r+1`).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        func indexed(_ part: Substring, _ prefix: Character) -> Int? {
            let digits = part.dropFirst()
            guard part.first == prefix, !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }),
                  digits.count == 1 || digits.first != "0", let index = Int(digits)
            else { return nil }
            return index
        }
        switch parts.count {
        case 1:
            let part = parts[0]
            if let index = indexed(part, "c") { self = .client(index) }
            else if let index = indexed(part, "r") { self = .replica(index) }
            else if let index = indexed(part, "l") { self = .leader(index) }
            else if let index = indexed(part, "a") { self = .acceptor(index) }
            else { return nil }
        case 2:
            guard let leader = indexed(parts[0], "l") else { return nil }
            if let number = indexed(parts[1], "s") { self = .scout(leader: leader, number: number) }
            else if let number = indexed(parts[1], "c") { self = .commander(leader: leader, number: number) }
            else { return nil }
        default:
            return nil
        }
    }
}

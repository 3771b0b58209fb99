import PMMC

/// What a trace writer wrote for the commands it wrote last, so that it can copy a command's
/// notation instead of writing it again: a command is an immutable object that a trace names
/// many times (in its request, proposals, `p2a`s, decisions, decide and apply lines), close
/// together.
///
/// A direct-mapped table of ``capacity`` entries, each the command (held, so that its address
/// is not reused for another command while it is remembered) and up to ``entryBytes`` bytes
/// of its notation, escaped as the writer wrote it. Longer notations (large batches) are not
/// remembered. Nothing is allocated until the first command is remembered.
struct CommandNotations: ~Copyable {
    /// How many commands are remembered at most.
    static let capacity = 1024
    /// The longest notation remembered, in bytes.
    static let entryBytes = 64

    private var commands: [AnyObject?] = []
    private var lengths: [Int] = []
    private var storage: UnsafeMutablePointer<UInt8>?

    init() {}

    deinit {
        storage?.deallocate()
    }

    /// The entry where `command` is remembered, if it is: from its address, which no other
    /// live object shares.
    @inline(__always)
    static func entry(of command: AnyObject) -> Int {
        let address = UInt(bitPattern: Unmanaged.passUnretained(command).toOpaque())
        return Int(truncatingIfNeeded: ((address >> 4) &* 0x9E37_79B9_7F4A_7C15) >> 54)
    }

    /// The notation remembered for `command` in `entry`, if that entry holds it.
    @inline(__always)
    func notation(of command: AnyObject, in entry: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let storage, commands[entry] === command else { return nil }
        return UnsafeBufferPointer(start: storage + entry * Self.entryBytes, count: lengths[entry])
    }

    /// Remembers `notation` for `command` in `entry`, in place of what the entry held.
    mutating func remember(_ command: AnyObject, notation: UnsafeBufferPointer<UInt8>, in entry: Int) {
        guard notation.count <= Self.entryBytes, let bytes = notation.baseAddress else { return }
        if storage == nil {
            storage = .allocate(capacity: Self.capacity * Self.entryBytes)
            commands = Array(repeating: nil, count: Self.capacity)
            lengths = Array(repeating: 0, count: Self.capacity)
        }
        (storage! + entry * Self.entryBytes).update(from: bytes, count: notation.count)
        commands[entry] = command
        lengths[entry] = notation.count
    }
}

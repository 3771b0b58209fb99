/// The bytes of JSON text being written: a growable buffer that a trace writer appends every
/// line to. An append copies through a pointer into reserved capacity, without the generic
/// `Array.append(contentsOf:)` and its uniqueness check, which cost a tenth of a traced run
/// (Docs/Performance.md).
public struct JSONBuffer: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var written = 0
    @usableFromInline var capacity: Int
    /// The last time ``appendTime(_:)`` wrote, and its digits: consecutive lines of a trace
    /// nearly always share their time.
    private var lastTime: Int?
    private var lastTimeDigits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var lastTimeLength = 0
    /// The notations of the commands written last (``write(command:)``).
    var commandNotations = CommandNotations()

    /// How many bytes have been written.
    public var count: Int { written }

    /// An empty buffer with room for `capacity` bytes before it grows.
    public init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if written == capacity { grow(toHold: written + 1) }
        base[written] = byte
        written += 1
    }

    /// Appends `bytes`.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        let length = bytes.count
        if written + length > capacity { grow(toHold: written + length) }
        let destination = base + written
        if length <= 32 {
            Self.copyShort(from: UnsafeRawPointer(start), length, to: UnsafeMutableRawPointer(destination))
        } else {
            destination.update(from: start, count: length)
        }
        written += length
    }

    /// Copies `length` bytes, at most 32, as up to four words, the first two and the last two
    /// of which may overlap (or a few single bytes): a trace line's pieces are a few bytes
    /// each, and `memcpy` costs more than the copy.
    @inlinable @inline(__always)
    static func copyShort(from source: UnsafeRawPointer, _ length: Int, to destination: UnsafeMutableRawPointer) {
        if length > 16 {
            let words = (
                source.loadUnaligned(as: UInt64.self), source.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                source.loadUnaligned(fromByteOffset: length - 16, as: UInt64.self),
                source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self))
            destination.storeBytes(of: words.0, as: UInt64.self)
            destination.storeBytes(of: words.1, toByteOffset: 8, as: UInt64.self)
            destination.storeBytes(of: words.2, toByteOffset: length - 16, as: UInt64.self)
            destination.storeBytes(of: words.3, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 8 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            destination.storeBytes(of: head, as: UInt64.self)
            destination.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            destination.storeBytes(of: head, as: UInt32.self)
            destination.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        } else {
            for offset in 0..<length {
                destination.storeBytes(of: source.load(fromByteOffset: offset, as: UInt8.self), toByteOffset: offset, as: UInt8.self)
            }
        }
    }

    /// Appends `bytes`, at most 16 of them, if none is a control character, a quote, a
    /// backslash or a byte at or above 0x80, and says whether it did: each byte is loaded
    /// once, into at most two words (overlapping, as ``copyShort(from:_:to:)`` copies), checked
    /// a word at a time and stored from the words. A trace's keys and values (`k6`, `v21`)
    /// take this path; anything else is left to the caller, which escapes it.
    @inline(__always)
    mutating func appendShortIfPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = bytes.count
        guard length <= 16, let start = bytes.baseAddress else { return length == 0 }
        if written + length > capacity { grow(toHold: written + length) }
        let source = UnsafeRawPointer(start)
        let destination = UnsafeMutableRawPointer(base + written)
        if length > 8 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            guard !Self.mayNeedEscaping(head), !Self.mayNeedEscaping(tail) else { return false }
            destination.storeBytes(of: head, as: UInt64.self)
            destination.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            guard !Self.mayNeedEscaping(UInt64(head) | UInt64(tail) << 32) else { return false }
            destination.storeBytes(of: head, as: UInt32.self)
            destination.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        } else {
            // One to three bytes: the first, the middle and the last (some the same byte),
            // with the word's other five bytes a plain letter.
            let first = start[0], middle = start[length >> 1], last = start[length - 1]
            let word = UInt64(first) | UInt64(middle) << 8 | UInt64(last) << 16 | 0x6161_6161_6100_0000
            guard !Self.mayNeedEscaping(word) else { return false }
            destination.storeBytes(of: first, as: UInt8.self)
            destination.storeBytes(of: middle, toByteOffset: length >> 1, as: UInt8.self)
            destination.storeBytes(of: last, toByteOffset: length - 1, as: UInt8.self)
        }
        written += length
        return true
    }

    /// Whether any of the eight bytes of `word` is a control character, a quote or a
    /// backslash; it also says so for a byte at or above 0x80, which the caller then checks
    /// alone.
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let belowSpace = (word &- ones &* 0x20) & highs != 0
        return belowSpace || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// Appends `text`, which must be ASCII with nothing to escape in JSON, as it is.
    @inlinable @inline(__always)
    public mutating func append(_ text: StaticString) {
        if text.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            append(UInt8(text.unicodeScalar.value))
        }
    }

    /// Appends the decimal digits of `value`.
    public mutating func appendDigits(of value: UInt) {
        appendReserved(atMost: 20) { $0.putDigits(of: value) }
    }

    /// Appends the decimal digits of `time`, a trace line's time, which is most often the
    /// time of the line before: those digits are remembered and copied as three words.
    public mutating func appendTime(_ time: Int) {
        if time != lastTime {
            let start = written
            appendReserved(atMost: 20) { $0.putInteger(time) }
            lastTimeLength = written - start
            lastTime = time
            withUnsafeMutableBytes(of: &lastTimeDigits) { digits in
                digits.baseAddress!.copyMemory(from: base + start, byteCount: lastTimeLength)
            }
            return
        }
        if written + 24 > capacity { grow(toHold: written + 24) }
        let destination = UnsafeMutableRawPointer(base + written)
        destination.storeBytes(of: lastTimeDigits.0, as: UInt64.self)
        destination.storeBytes(of: lastTimeDigits.1, toByteOffset: 8, as: UInt64.self)
        destination.storeBytes(of: lastTimeDigits.2, toByteOffset: 16, as: UInt64.self)
        written += lastTimeLength
    }

    /// Makes room for `limit` more bytes and lets `write` write at most that many into it,
    /// with no check for room at each piece.
    @inline(__always)
    mutating func appendReserved(atMost limit: Int, _ write: (inout ReservedBytes) -> Void) {
        if written + limit > capacity { grow(toHold: written + limit) }
        let start = base + written
        var bytes = ReservedBytes(position: start)
        write(&bytes)
        let count = bytes.position - start
        assert(count <= limit, "wrote \(count) bytes into room for \(limit)")
        written += count
    }

    /// Forgets the bytes written, keeping the storage.
    public mutating func removeAll() {
        written = 0
    }

    /// Calls `body` with the bytes written.
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: base, count: written))
    }

    /// The bytes written, as text.
    public var text: String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    @usableFromInline @inline(never)
    mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: written)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

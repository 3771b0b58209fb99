/// The bytes of JSON text being written: a growable buffer that a trace writer appends every
/// line to. An append copies through a pointer into reserved capacity, without the generic
/// `Array.append(contentsOf:)` and its uniqueness check, which cost a tenth of a traced run
/// (Docs/Performance.md).
public struct JSONBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes have been written.
    public private(set) var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes before it grows.
    public init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Appends `bytes`.
    @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        let length = bytes.count
        if count + length > capacity { grow(toHold: count + length) }
        let destination = base + count
        if length <= 32 {
            Self.copyShort(from: UnsafeRawPointer(start), length, to: UnsafeMutableRawPointer(destination))
        } else {
            destination.update(from: start, count: length)
        }
        count += length
    }

    /// Copies `length` bytes, at most 32, as up to four words, the first two and the last two
    /// of which may overlap (or a few single bytes): a trace line's pieces are a few bytes
    /// each, and `memcpy` costs more than the copy.
    @inline(__always)
    private static func copyShort(from source: UnsafeRawPointer, _ length: Int, to destination: UnsafeMutableRawPointer) {
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

    /// Appends `text`, which must be ASCII with nothing to escape in JSON, as it is.
    @inline(__always)
    public mutating func append(_ text: StaticString) {
        if text.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            append(UInt8(text.unicodeScalar.value))
        }
    }

    /// Appends the decimal digits of `value`, written in place from the last, two at a time
    /// from a table of the pairs 00 to 99.
    public mutating func appendDigits(of value: UInt) {
        if value < 10 {
            append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value))
            return
        }
        let digits = Self.digitCount(of: value)
        if count + digits > capacity { grow(toHold: count + digits) }
        let pairs = Self.digitPairs.utf8Start
        var position = base + count + digits
        var rest = value
        while rest >= 100 {
            let pair = Int(truncatingIfNeeded: rest % 100) * 2
            rest /= 100
            position -= 2
            position[0] = pairs[pair]
            position[1] = pairs[pair + 1]
        }
        if rest >= 10 {
            let pair = Int(truncatingIfNeeded: rest) * 2
            position -= 2
            position[0] = pairs[pair]
            position[1] = pairs[pair + 1]
        } else {
            position -= 1
            position.pointee = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest)
        }
        count += digits
    }

    /// How many decimal digits `value`, at least 10, has: compared with powers of ten from
    /// the small end, where a trace's times, ids and slots lie.
    @inline(__always)
    private static func digitCount(of value: UInt) -> Int {
        if value < 100 { return 2 }
        if value < 1_000 { return 3 }
        if value < 10_000 { return 4 }
        if value < 100_000 { return 5 }
        if value < 1_000_000 { return 6 }
        var digits = 7
        var bound: UInt = 10_000_000
        while digits < 20, value >= bound {
            digits += 1
            bound &*= 10
        }
        return digits
    }

    /// The two digits of 0 to 99, in order.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Forgets the bytes written, keeping the storage.
    public mutating func removeAll() {
        count = 0
    }

    /// Calls `body` with the bytes written.
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, as text.
    public var text: String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

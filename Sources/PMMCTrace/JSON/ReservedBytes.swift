/// Writes into room that a ``JSONBuffer`` reserved for it
/// (``JSONBuffer/appendReserved(atMost:_:)``), without checking for room at every piece: a
/// trace line's fixed fields (time, kind, processes, id, type) are at most a few hundred bytes,
/// reserved once and written with nothing but stores.
struct ReservedBytes {
    /// Where the next byte goes.
    private(set) var position: UnsafeMutablePointer<UInt8>

    init(position: UnsafeMutablePointer<UInt8>) {
        self.position = position
    }

    /// Writes one byte.
    @inline(__always)
    mutating func put(_ byte: UInt8) {
        position.pointee = byte
        position += 1
    }

    /// Writes `text`, which must be ASCII with nothing to escape in JSON, as it is.
    @inline(__always)
    mutating func put(_ text: StaticString) {
        guard text.hasPointerRepresentation else { return put(UInt8(truncatingIfNeeded: text.unicodeScalar.value)) }
        let length = text.utf8CodeUnitCount
        if length <= 32 {
            JSONBuffer.copyShort(from: UnsafeRawPointer(text.utf8Start), length, to: UnsafeMutableRawPointer(position))
        } else {
            position.update(from: text.utf8Start, count: length)
        }
        position += length
    }

    /// Writes the decimal digits of `value` (with a `-` if negative), as `String(value)`
    /// spells it: at most 20 bytes.
    @inline(__always)
    mutating func putInteger(_ value: Int) {
        if value < 0 { put(UInt8(ascii: "-")) }
        putDigits(of: value.magnitude)
    }

    /// Writes the decimal digits of `value`, at most 20, in place from the last, two at a
    /// time from a table of the pairs 00 to 99.
    mutating func putDigits(of value: UInt) {
        if value < 10 { return put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value)) }
        let digits = Self.digitCount(of: value)
        let pairs = Self.digitPairs.utf8Start
        var cursor = position + digits
        var rest = value
        while rest >= 100 {
            let pair = Int(truncatingIfNeeded: rest % 100) * 2
            rest /= 100
            cursor -= 2
            cursor[0] = pairs[pair]
            cursor[1] = pairs[pair + 1]
        }
        if rest >= 10 {
            let pair = Int(truncatingIfNeeded: rest) * 2
            cursor[-2] = pairs[pair]
            cursor[-1] = pairs[pair + 1]
        } else {
            cursor[-1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest)
        }
        position += digits
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

    /// The two digits of 0 to 99, in order: a literal, read without a lazy global's check.
    private static var digitPairs: StaticString {
        """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
    }
}

/// A value printed in the lecture slides' notation: a message (`p2a(<0.1, 3, Put k v>)`), a
/// pvalue, a ballot, a command or a process name.
///
/// Each type writes its notation in one function, ``writeNotation(to:)``, piece by piece;
/// `description` is built from it, and a host that writes text of its own (a trace file) can
/// write the same pieces straight into its buffer, so the two never differ.
public protocol NotationPrintable: CustomStringConvertible {
    /// Writes the value's notation to `output`.
    func writeNotation(to output: inout some NotationOutput & ~Copyable)
}

/// Where ``NotationPrintable`` is written: plain ASCII pieces, numbers, and text of the
/// application (an operation, an output), which may need escaping in the output's format.
/// An output may be noncopyable, as a trace writer's buffer is, which then writes the
/// notation straight into its bytes.
///
/// A string literal, `output.write("p2a(")`, is a `StaticString` piece; the application's
/// text goes through ``write(text:)``, which has a label so that no literal lands there
/// (a `String` parameter would win a literal over `StaticString`, and a trace writer checks
/// a `String` byte by byte for characters to escape).
public protocol NotationOutput: ~Copyable {
    /// Appends `text`, ASCII.
    mutating func write(_ text: StaticString)
    /// Appends the decimal digits of `number`, as `String(number)` spells them.
    mutating func write(_ number: Int)
    /// Appends `text`, the application's: a key, a value, an output.
    mutating func write(text: String)
    /// Appends `command`'s notation, which ``Command/writeNotation(to:)`` asks for. An output
    /// that writes the same command many times, as a trace writer does, may remember what it
    /// wrote; by default the command's body writes itself.
    mutating func write<Machine: StateMachine>(command: Command<Machine>)
}

extension NotationOutput where Self: ~Copyable {
    public mutating func write<Machine: StateMachine>(command: Command<Machine>) {
        command.body.writeNotation(to: &self)
    }
}

extension NotationPrintable {
    /// The notation as a `String`.
    public var description: String {
        var output = NotationBytes()
        writeNotation(to: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }
}

/// Collects the UTF-8 bytes of a notation, for `description`: one `String` is made at the
/// end, instead of one per interpolated piece.
struct NotationBytes: NotationOutput {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(64)
    }

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { utf8 in
            for byte in utf8 { bytes.append(byte) }
        }
    }

    mutating func write(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    mutating func write(text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}

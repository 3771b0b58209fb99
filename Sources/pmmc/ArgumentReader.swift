import PMMC

/// A mistake in how the command was called: printed as one line, exit status 2.
struct UsageError: Error {
    let message: String
}

/// Reads `--name value`, `--name=value` and `--flag` arguments, each at most once unless
/// read with ``values(_:)``, and rejects anything left over.
struct ArgumentReader {
    private var arguments: [String]

    init(_ arguments: [String]) {
        self.arguments = arguments
    }

    /// Whether `--help` or `-h` was given.
    var wantsHelp: Bool { arguments.contains("--help") || arguments.contains("-h") }

    /// Whether flag `name` was given; given twice is an error.
    mutating func flag(_ name: String) throws(UsageError) -> Bool {
        let count = arguments.count { $0 == name }
        guard count <= 1 else { throw UsageError(message: "\(name) given more than once") }
        arguments.removeAll { $0 == name }
        return count == 1
    }

    /// Every value given for option `name`, in order.
    mutating func values(_ name: String) throws(UsageError) -> [String] {
        var found: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == name {
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else {
                    throw UsageError(message: "\(name) needs a value")
                }
                found.append(arguments[index + 1])
                arguments.removeSubrange(index...index + 1)
            } else if argument.hasPrefix(name + "=") {
                found.append(String(argument.dropFirst(name.count + 1)))
                arguments.remove(at: index)
            } else {
                index += 1
            }
        }
        return found
    }

    mutating func value(_ name: String) throws(UsageError) -> String? {
        let found = try values(name)
        guard found.count <= 1 else { throw UsageError(message: "\(name) given more than once") }
        return found.first
    }

    mutating func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        try integer(name, in: range) ?? fallback
    }

    /// The value of option `name`, a whole number in `range`; `nil` if the option is not given.
    mutating func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = try value(name) else { return nil }
        guard let number = Int(text.filter { $0 != "_" }), range.contains(number) else {
            let bounds = range.upperBound == Int.max ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw UsageError(message: "\(name) takes a whole number \(bounds), got '\(text)'")
        }
        return number
    }

    mutating func probability(_ name: String) throws(UsageError) -> Double {
        guard let text = try value(name) else { return 0 }
        guard let number = Double(text), number >= 0, number < 1 else {
            throw UsageError(message: "\(name) takes a probability in [0, 1), got '\(text)'")
        }
        return number
    }

    /// The value of option `name`, one of `Choice`'s raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, default fallback: Choice) throws(UsageError) -> Choice
    where Choice.RawValue == String {
        guard let text = try value(name) else { return fallback }
        guard let choice = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue)
            let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
            throw UsageError(message: "\(name) takes \(list), got '\(text)'")
        }
        return choice
    }

    /// A range of ticks, `MIN-MAX` or a single value, within `0...maximum`; `fallback` if
    /// option `name` is not given. `example` shows a good value in the error message.
    mutating func tickRange(_ name: String, default fallback: ClosedRange<Int>, maximum: Int, example: String) throws(UsageError) -> ClosedRange<Int> {
        guard let text = try value(name) else { return fallback }
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        if bounds.count == 1, let value = bounds[0], (0...maximum).contains(value) { return value...value }
        if bounds.count == 2, let low = bounds[0], let high = bounds[1], low >= 0, low <= high, high <= maximum {
            return low...high
        }
        throw UsageError(message: "\(name) takes MIN-MAX or a single value in ticks from 0 to \(maximum.grouped), such as \(example), got '\(text)'")
    }

    /// The arguments that are not options (those not starting with `-`, and `-` itself, which
    /// names standard input), in order. Read every option first: an option's value looks like
    /// an operand until the option takes it.
    mutating func operands() -> [String] {
        let isOperand = { (argument: String) in argument == "-" || !argument.hasPrefix("-") }
        let operands = arguments.filter(isOperand)
        arguments.removeAll(where: isOperand)
        return operands
    }

    /// Fails on the first argument nobody asked for.
    func finish() throws(UsageError) {
        if let stray = arguments.first {
            throw UsageError(message: stray.hasPrefix("-") ? "unknown option '\(stray)'" : "unexpected argument '\(stray)'")
        }
    }
}

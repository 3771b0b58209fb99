import Testing
@testable import pmmc

/// Options are read strictly: a flag given twice, a value out of range or a malformed fault
/// is a usage error naming the problem.
@Suite("Argument reader")
struct ArgumentReaderTests {
    @Test("a flag given twice is an error, not an unknown option")
    func repeatedFlag() {
        var reader = ArgumentReader(["--naive", "--naive"])
        #expect(usageError { () throws(UsageError) in try reader.flag("--naive") } == "--naive given more than once")
        var once = ArgumentReader(["--naive"])
        #expect(usageError { () throws(UsageError) in try once.flag("--naive") } == nil)
        #expect(once.operands().isEmpty)
        #expect(usageError { () throws(UsageError) in try once.finish() } == nil)
    }

    @Test("'-' is an operand, other arguments starting with '-' are options")
    func standardInputOperand() {
        var reader = ArgumentReader(["-", "--bogus", "-x", "trace.jsonl"])
        #expect(reader.operands() == ["-", "trace.jsonl"])
        #expect(usageError { () throws(UsageError) in try reader.finish() } == "unknown option '--bogus'")
    }

    @Test("a tick range is MIN-MAX or one value, from 0 to the maximum", arguments: [
        ("5", 5...5), ("1-10", 1...10), ("0-1000", 0...1000), ("1000", 1000...1000),
    ])
    func tickRange(text: String, range: ClosedRange<Int>) throws {
        var reader = ArgumentReader(["--latency", text])
        #expect(try reader.tickRange("--latency", default: 1...10, maximum: 1000, example: "1-10") == range)
    }

    @Test("a tick range past the maximum or malformed is refused, the largest integer included", arguments: [
        "9223372036854775807", "0-9223372036854775807", "1001", "10-1", "-1", "1-", "1-2-3", "x", "",
    ])
    func badTickRange(text: String) {
        var reader = ArgumentReader(["--delay", text])
        #expect(usageError { () throws(UsageError) in try reader.tickRange("--delay", default: 0...0, maximum: 1000, example: "0-5") }
            == "--delay takes MIN-MAX or a single value in ticks from 0 to 1,000, such as 0-5, got '\(text)'")
    }
}

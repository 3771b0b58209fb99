import Testing
@testable import pmmc

/// What the commands make of their arguments: bounds that keep times from overflowing, and
/// hints for mistakes.
@Suite("Commands")
struct CommandTests {
    @Test("huge values are refused instead of overflowing", arguments: [
        (["--latency", "9223372036854775807"],
         "--latency takes MIN-MAX or a single value in ticks from 0 to 1,000,000, such as 1-10, got '9223372036854775807'"),
        (["--time-limit", "9223372036854775807"],
         "--time-limit takes a whole number from 1 to 4611686018427387903, got '9223372036854775807'"),
        (["--crash", "9223372036854775807:l0"], "--crash takes a time of at most 4,611,686,018,427,387,903, got '9223372036854775807:l0'"),
        (["--naive", "--naive"], "--naive given more than once"),
        (["--partition", "100-x-200:l0"], "--partition takes START-END:PROCESS,... such as 100-400:l0,a0, got '100-x-200:l0'"),
    ])
    func simulateRefuses(arguments: [String], message: String) {
        #expect(usageError { () throws(UsageError) in try SimulateCommand(arguments: arguments) } == message)
    }

    @Test("pmmc run: delays and fault times are bounded", arguments: [
        (["--delay", "0-9223372036854775807"],
         "--delay takes MIN-MAX or a single value in ticks from 0 to 1,000,000, such as 0-5, got '0-9223372036854775807'"),
        (["--crash", "60001:l0"], "--crash takes a time of at most 60,000, got '60001:l0'"),
        (["--partition", "100-200:l0", "--time-limit", "1"], nil),
        (["--partition", "100-2000:l0", "--time-limit", "1"], "--partition takes times of at most 1,000, got '100-2000:l0'"),
    ])
    func runRefuses(arguments: [String], message: String?) {
        #expect(usageError { () throws(UsageError) in try RunCommand(arguments: arguments) } == message)
    }

    @Test("an unknown walk-through suggests the nearest name, if one is near")
    func walkthroughHint() {
        #expect(usageError { () throws(UsageError) in try WalkthroughCommand(arguments: ["electd"]) }
            == "unknown walk-through 'electd'; did you mean 'getting-elected'? run 'pmmc walkthrough --list'")
        #expect(usageError { () throws(UsageError) in try WalkthroughCommand(arguments: ["nosuch"]) }
            == "unknown walk-through 'nosuch'; run 'pmmc walkthrough --list'")
    }

    @Test("pmmc render - reads standard input")
    func renderStandardInput() throws {
        #expect(try RenderCommand(arguments: ["-", "--format", "svg"]).tracePath == "-")
    }
}

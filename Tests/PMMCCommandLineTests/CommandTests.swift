import Foundation
import Testing
import PMMC
@testable import pmmc

/// What the commands make of their arguments: bounds that keep times from overflowing, the
/// default time limit, and hints for mistakes.
@Suite("Commands")
struct CommandTests {
    private func simulate(_ arguments: String...) throws(UsageError) -> SimulateCommand {
        try SimulateCommand(arguments: arguments)
    }

    @Test("the default time limit grows with the workload, the latency, loss and the last fault")
    func defaultTimeLimit() throws {
        #expect(try simulate().timeLimit == 10_000 + 25 * 120)
        #expect(try simulate("--operations", "1000000").timeLimit == 10_000 + 250_000 * 120)
        #expect(try simulate("--operations", "1000", "--clients", "16").timeLimit == 10_000 + 200 * 120)
        #expect(try simulate("--operations", "1000", "--clients", "16", "--window", "20").timeLimit == 10_000 + 63 * 120)
        #expect(try simulate("--latency", "50-100").timeLimit == 10_000 + 25 * 1200)
        #expect(try simulate("--loss", "0.5").timeLimit == 10_000 + 25 * (120 + 2400))
        #expect(try simulate("--crash", "300:l1", "--partition", "100-5000:a0").timeLimit == 15_000 + 25 * 120)
        #expect(try simulate("--operations", "0").timeLimit == 10_000)
    }

    @Test("--time-limit replaces the default")
    func givenTimeLimit() throws {
        #expect(try simulate("--time-limit", "5000").timeLimit == 5000)
        #expect(try simulate("--operations", "100000000", "--latency", "1000000", "--clients", "1", "--loss", "0.9999999999").timeLimit
            == SimulateCommand.latestTime)
    }

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

    @Test("the pragmatics are on by default; --naive, --no-backoff and --fixed-timeouts turn them off, on both hosts")
    func protocolSwitches() throws {
        for (arguments, detection, backoff, adaptive) in [
            ([String](), true, true, true), (["--naive"], false, false, true),
            (["--no-backoff"], true, false, true), (["--fixed-timeouts"], true, true, false),
            (["--naive", "--fixed-timeouts"], false, false, false),
        ] {
            let simulated = try SimulateCommand(arguments: arguments).options.settings
            let run = try RunCommand(arguments: arguments).options.settings
            for settings in [simulated, run] {
                #expect((settings.failureDetection != nil, settings.backoff != nil, settings.adaptiveRetransmission != nil)
                        == (detection, backoff, adaptive), "\(arguments)")
            }
        }
        #expect(ProtocolSwitches.describe(.paper())
            == "leader failure detection off (naive leaders); back-off off; timeouts fixed; requests to every replica")
        #expect(ProtocolSwitches.describe(Settings()) == "leader failure detection ping every 100 ticks, 3 missed = failed; "
            + "back-off AIMD 300-5000 ticks (×2, −100); timeouts adaptive from 2 ticks up to the fixed intervals; requests to every replica")
    }

    @Test("clients send every request to every replica by default; --no-broadcast-requests sends a new one to one replica, on both hosts")
    func broadcastRequestsSwitch() throws {
        #expect(try SimulateCommand(arguments: []).options.settings.broadcastRequests)
        #expect(try RunCommand(arguments: []).options.settings.broadcastRequests)
        #expect(try SimulateCommand(arguments: ["--broadcast-requests"]).options.settings.broadcastRequests)
        #expect(try !SimulateCommand(arguments: ["--no-broadcast-requests"]).options.settings.broadcastRequests)
        #expect(try !RunCommand(arguments: ["--no-broadcast-requests"]).options.settings.broadcastRequests)
        #expect(usageError { () throws(UsageError) in
            try SimulateCommand(arguments: ["--broadcast-requests", "--no-broadcast-requests"])
        } == "--broadcast-requests and --no-broadcast-requests contradict each other")
        #expect(Settings.paper().broadcastRequests)
        #expect(SimulateCommand.usage.contains("--no-broadcast-requests") && RunCommand.usage.contains("--no-broadcast-requests"))
    }

    @Test("an unknown walk-through suggests the nearest name, if one is near")
    func walkthroughHint() {
        #expect(usageError { () throws(UsageError) in try WalkthroughCommand(arguments: ["electd"]) }
            == "unknown walk-through 'electd'; did you mean 'getting-elected'? run 'pmmc walkthrough --list'")
        #expect(usageError { () throws(UsageError) in try WalkthroughCommand(arguments: ["nosuch"]) }
            == "unknown walk-through 'nosuch'; run 'pmmc walkthrough --list'")
    }

    @Test("pmmc walkthrough --file: a story file's errors name the file and the line")
    func walkthroughStoryFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("story-\(getpid()).story").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "title: T\nstep: s\n    delivr p1a\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(usageError { () throws(UsageError) in try WalkthroughCommand(arguments: ["--file", path]) }
            == "story file '\(path)', line 3: unknown action 'delivr'; actions are start, elect, accept, submit, deliver, drop, fire, crash, restart, run")
        #expect(usageError { () throws(UsageError) in try WalkthroughCommand(arguments: ["--file", path, "acceptors"]) }
            == "--file takes the place of a walk-through name; 'acceptors' is one too many")
        #expect(usageError { () throws(UsageError) in try WalkthroughCommand(arguments: ["--file", path + ".missing"]) }
            == "no story file '\(path).missing'")
        try "title: T\nstep: s\n    start l0\n".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .show(let walkthrough, _, _) = try WalkthroughCommand(arguments: ["--file", path]).action else {
            Issue.record("a valid story is shown")
            return
        }
        #expect(walkthrough.name == "story-\(getpid())")
        #expect(try walkthrough.run().parts.first?.steps.count == 1)
    }

    @Test("pmmc render - reads standard input")
    func renderStandardInput() throws {
        #expect(try RenderCommand(arguments: ["-", "--format", "svg"]).tracePath == "-")
    }
}

import Foundation
import PMMCTrace
import Testing
@testable import pmmc

/// `pmmc explore`: its options, its exit status, and the counterexample trace it writes.
@Suite("Explore")
struct ExploreCommandTests {
    @Test("options are read strictly, with the problem named", arguments: [
        (["--mutant", "nonsense"], "unknown mutant 'nonsense'; the mutants are inverted-quorum, stale-preempted, accept-without-adopting, no-reproposal, skip-pmax, mixed-ballot-quorum"),
        (["--clients", "3"], "--clients takes a whole number from 1 to 2, got '3'"),
        (["--time-limit", "-1"], "--time-limit takes a positive number of seconds, got '-1'"),
        (["--max-depth", "0"], "--max-depth takes a whole number of at least 1, got '0'"),
        (["--drops", "--drops"], "--drops given more than once"),
        (["--walk", "3"], "unknown option '--walk'"),
    ])
    func refuses(arguments: [String], message: String) {
        #expect(usageError { () throws(UsageError) in _ = try ExploreCommand(arguments: arguments) } == message)
    }

    @Test("the workload: client 0 appends A, B, …; client 1 appends a, b, …")
    func workload() {
        #expect(ExploreCommand.workload(clients: 2, commands: 2)
            == [[.append(key: "k", value: "A"), .append(key: "k", value: "B")], [.append(key: "k", value: "a"), .append(key: "k", value: "b")]])
    }

    @Test("exit 0 without a violation; 1 with one, and a trace of the counterexample that reads back")
    func exitStatusAndTrace() throws {
        #expect(try ExploreCommand(arguments: ["--max-states", "500"]).run() == 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pmmc-explore-\(UUID().uuidString).trace").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let command = try ExploreCommand(arguments: ["--mutant", "accept-without-adopting", "--trace", path])
        #expect(try command.run() == 1)
        let trace = try TraceFile(parsing: try String(contentsOfFile: path, encoding: .utf8))
        #expect(trace.header.command == "explore")
        #expect(trace.header.arguments == ["--mutant", "accept-without-adopting"])
        #expect(trace.events.filter { $0.kind == .deliver }.count == 8)
        #expect(trace.events.last { $0.kind == .deliver }?.message?.hasPrefix("p2a(") == true)
    }
}

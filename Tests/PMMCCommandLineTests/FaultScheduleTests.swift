import Testing
import PMMC
@testable import pmmc

/// `--crash` and `--partition`: strict parsing, and overlapping partition windows composed.
@Suite("Fault schedule")
struct FaultScheduleTests {
    /// The faults of `arguments`, one `TIME FAULT` string each.
    private func schedule(_ arguments: [String], latest: Int = 1_000_000) throws -> [String] {
        var reader = ArgumentReader(arguments)
        return try FaultSchedule.read(from: &reader, latest: latest).map { "\($0.time) \($0.fault)" }
    }

    private func windows(_ windows: String...) throws -> [String] {
        try schedule(windows.flatMap { ["--partition", $0] })
    }

    @Test("malformed partitions are refused, not read leniently", arguments: [
        "100-x-200:l0", "100-200:l0,,a0", "100-200:", "100-200:l0,", "100-200:,l0", "100-200", "-100-200:l0",
        "100-:l0", "200-100:l0", "100-100:l0", "100-200:l0:a0", "100-200:x9", "",
    ])
    func malformedPartition(text: String) {
        #expect(usageError { () throws(UsageError) in try FaultSchedule.window(text, latest: 1000) }
            == "--partition takes START-END:PROCESS,... such as 100-400:l0,a0, got '\(text)'")
    }

    @Test("malformed crashes are refused", arguments: ["10:", ":l0", "x:l0", "10:l0:x", "-1:l0", "10", "10:l0,a0"])
    func malformedCrash(text: String) {
        #expect(usageError { () throws(UsageError) in try FaultSchedule.crash(text, latest: 1000) }
            == "--crash takes TIME:PROCESS such as 50:l1, got '\(text)'")
    }

    @Test("times past the latest allowed are refused")
    func tooLate() {
        #expect(usageError { () throws(UsageError) in try FaultSchedule.crash("1001:l0", latest: 1000) }
            == "--crash takes a time of at most 1,000, got '1001:l0'")
        #expect(usageError { () throws(UsageError) in try FaultSchedule.window("10-9223372036854775807:l0", latest: 1000) }
            == "--partition takes times of at most 1,000, got '10-9223372036854775807:l0'")
        #expect(usageError { () throws(UsageError) in try FaultSchedule.crash("1000:l0", latest: 1000) } == nil)
    }

    @Test("one window: a partition at its start, a heal at its end")
    func oneWindow() throws {
        #expect(try windows("100-400:l0,a0") == ["100 partition {l0,a0}", "400 heal"])
    }

    @Test("overlapping windows compose: processes are split by which open windows list them")
    func overlapping() throws {
        #expect(try windows("100-200:l0", "150-300:a0,l0") == [
            "100 partition {l0}", "150 partition {l0} {a0}", "200 partition {l0,a0}", "300 heal",
        ])
        #expect(try windows("100-400:l0,a0,a1", "200-300:a1") == [
            "100 partition {l0,a0,a1}", "200 partition {l0,a0} {a1}", "300 partition {l0,a0,a1}", "400 heal",
        ])
        #expect(try windows("100-300:r0,l0", "200-400:l1,a0") == [
            "100 partition {r0,l0}", "200 partition {r0,l0} {l1,a0}", "300 partition {l1,a0}", "400 heal",
        ])
    }

    @Test("adjacent windows give the same schedule in either order, with no heal between")
    func adjacent() throws {
        let forward = try windows("100-200:l0", "200-300:a0")
        #expect(forward == ["100 partition {l0}", "200 partition {a0}", "300 heal"])
        #expect(try windows("200-300:a0", "100-200:l0") == forward)
        #expect(try windows("100-200:l0", "200-300:l0") == ["100 partition {l0}", "300 heal"])
    }

    @Test("crashes in time and process order whatever the argument order, before a partition at the same time")
    func crashesOrdered() throws {
        let expected = ["100 crash l0", "100 crash a1", "100 partition {a0}", "200 crash r0", "300 heal"]
        #expect(try schedule(["--crash", "200:r0", "--partition", "100-300:a0", "--crash", "100:a1", "--crash", "100:l0"]) == expected)
        #expect(try schedule(["--crash", "100:l0", "--crash", "100:a1", "--partition", "100-300:a0", "--crash", "200:r0"]) == expected)
    }

    /// The simulator's faults of `arguments`, one `TIME FAULT` string each.
    private func simulatorSchedule(_ arguments: [String]) throws -> [String] {
        var reader = ArgumentReader(arguments)
        return try FaultSchedule.simulatorFaults(from: &reader, latest: 1_000_000).map { "\($0.time) \($0.fault)" }
    }

    private func simulatorScheduleError(_ arguments: [String]) -> String? {
        var reader = ArgumentReader(arguments)
        return usageError { () throws(UsageError) in _ = try FaultSchedule.simulatorFaults(from: &reader, latest: 1_000_000) }
    }

    @Test("malformed restarts are refused, and a scout or commander cannot restart on its own",
          arguments: ["10:", ":l0", "x:l0", "-1:l0", "10", "10:l0,a0"])
    func malformedRestart(text: String) {
        #expect(usageError { () throws(UsageError) in try FaultSchedule.restart(text, latest: 1000) }
            == "--restart takes TIME:PROCESS such as 400:l1, got '\(text)'")
    }

    @Test("a restart names a host")
    func restartOfAChild() {
        #expect(usageError { () throws(UsageError) in try FaultSchedule.restart("10:l0/s1", latest: 1000) }
            == "--restart takes a replica, leader, acceptor or client; l0/s1 restarts only with its leader, got '10:l0/s1'")
        #expect(usageError { () throws(UsageError) in try FaultSchedule.restart("1001:l0", latest: 1000) }
            == "--restart takes a time of at most 1,000, got '1001:l0'")
    }

    @Test("each restart needs its process crashed at an earlier time and not restarted since")
    func restartNeedsACrash() {
        #expect(simulatorScheduleError(["--restart", "100:l0"]) == "--restart 100:l0 needs l0 crashed then: a --crash of it before t=100")
        #expect(simulatorScheduleError(["--crash", "100:l0", "--restart", "100:l0"])
            == "--restart 100:l0 needs l0 crashed then: a --crash of it before t=100")
        #expect(simulatorScheduleError(["--crash", "50:l1", "--restart", "100:l0"])
            == "--restart 100:l0 needs l0 crashed then: a --crash of it before t=100")
        #expect(simulatorScheduleError(["--crash", "50:l0", "--restart", "200:l0", "--restart", "100:l0"])
            == "--restart 200:l0 needs l0 crashed then: a --crash of it before t=200 and after its restart at t=100")
    }

    @Test("crashes, restarts and partitions in time order; at one time crashes, partitions, restarts")
    func restartsOrdered() throws {
        #expect(try simulatorSchedule(["--restart", "100:l0", "--partition", "100-200:a0", "--crash", "50:l0", "--crash", "100:a1",
                                       "--crash", "150:l0", "--restart", "300:l0"])
            == ["50 crash l0", "100 crash a1", "100 partition {a0}", "100 restart l0", "150 crash l0", "200 heal", "300 restart l0"])
    }

    @Test("the composition of groups is independent of their order")
    func composeIgnoresOrder() {
        let groups: [[ProcessID]] = [[.acceptor(0), .leader(0)], [.leader(0), .replica(1)], [.client(0)]]
        let composed = FaultSchedule.compose(groups)
        #expect(composed == [[.client(0)], [.replica(1)], [.leader(0)], [.acceptor(0)]])
        #expect(FaultSchedule.compose(groups.reversed()) == composed)
    }
}

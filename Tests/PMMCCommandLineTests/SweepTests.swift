import PMMC
import PMMCSimulation
import Testing
@testable import pmmc

/// `pmmc sweep`: its options, its shards, the checks of one run, and the command that repeats
/// a failed run.
@Suite("Sweep")
struct SweepTests {
    @Test("seeds, profile and shard are read strictly")
    func options() throws {
        let sweep = try SweepCommand(arguments: ["--seeds", "10..20", "--profile", "chaos", "--shard", "2/3"])
        #expect(sweep.seeds == 10...20)
        #expect(sweep.profile == .chaos)
        #expect(sweep.shardSeeds == [11, 14, 17, 20])
        #expect(usageError { () throws(UsageError) in _ = try SweepCommand(arguments: ["--seeds", "1-5", "--profile", "none"]) }
            == "--seeds takes A..B with A <= B, such as 1..1000, got '1-5'")
        #expect(usageError { () throws(UsageError) in _ = try SweepCommand(arguments: ["--seeds", "1..5"]) }?
            .hasPrefix("give a profile") == true)
        #expect(usageError { () throws(UsageError) in _ = try SweepCommand(arguments: ["--seeds", "1..5", "--profile", "none", "--shard", "0/2"]) }
            == "--shard takes I/N with 1 <= I <= N, such as 2/8, got '0/2'")
    }

    @Test("shards split the seeds exactly: every seed in one shard, none twice")
    func shardsPartition() throws {
        var covered: [UInt64] = []
        for index in 1...4 {
            covered += try SweepCommand(arguments: ["--seeds", "3..29", "--profile", "none", "--shard", "\(index)/4"]).shardSeeds
        }
        #expect(covered.sorted() == Array(3...29))
    }

    @Test("a healthy run passes every check; one cut short fails liveness", arguments: SweepProfile.allCases)
    func checks(profile: SweepProfile) {
        let scenario = profile.scenario(seed: 4, operations: 12, keys: 2, cluster: SimulationOptions(clients: 3))
        #expect(SweepRun.check(scenario, timeLimit: 200_000) == nil)
        #expect(SweepRun.check(scenario, timeLimit: 5)?.check == "liveness")
    }

    @Test("the reproducing command runs the same scenario")
    func reproduction() throws {
        let sweep = try SweepCommand(arguments: ["--seeds", "1..9", "--profile", "partitions", "--operations", "40", "--clients", "4"])
        let command = sweep.reproduction(of: 7)
        #expect(command.hasPrefix("pmmc simulate --profile partitions --seed 7 --operations 40 --keys 3 "))
        let simulate = try SimulateCommand(arguments: Array(command.split(separator: " ").dropFirst(2).map(String.init)))
        #expect(simulate.profile == .partitions && simulate.options.seed == 7 && simulate.options.clients == 4)
        #expect(usageError { () throws(UsageError) in _ = try SimulateCommand(arguments: ["--profile", "chaos", "--loss", "0.1"]) }
            == "--profile sets the network, the faults and the workload; --loss cannot be given with it")
        #expect(usageError { () throws(UsageError) in _ = try SimulateCommand(arguments: ["--profile", "crash-restart", "--restart", "10:l0"]) }
            == "--profile sets the network, the faults and the workload; --restart cannot be given with it")
    }
}

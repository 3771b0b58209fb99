import PMMC
import Testing
@testable import pmmc

/// The switches of state reduction, garbage collection, catch-up and batching, and --value-size.
@Suite("Pragmatics options")
struct PragmaticsOptionTests {
    @Test("each mechanism is on by default and off with its flag, on simulate and on run")
    func switches() throws {
        let defaults = try SimulateCommand(arguments: []).options.settings
        #expect(defaults.stateReduction && defaults.garbageCollection && defaults.catchUp)
        let off = try SimulateCommand(arguments: ["--no-state-reduction", "--no-gc", "--no-catch-up"]).options.settings
        #expect(!off.stateReduction && !off.garbageCollection && !off.catchUp)
        let run = try RunCommand(arguments: ["--no-gc"]).options.settings
        #expect(!run.garbageCollection && run.stateReduction && run.catchUp)
        #expect(ProtocolSwitches.describeStateKeeping(off)
            == "state reduction off, garbage collection off, catch-up off, batching up to 64 requests a slot, no delay")
        #expect(ProtocolSwitches.describeStateKeeping(defaults)
            == "state reduction on, garbage collection on (report every 100 ticks, keep 1,000 decisions), catch-up on, "
            + "batching up to 64 requests a slot, no delay")
    }

    @Test("batching is on by default; --batch-size and --batch-delay set its limits, --no-batching turns it off")
    func batching() throws {
        #expect(try SimulateCommand(arguments: []).options.settings.batching == Settings.Batching(maximumSize: 64, maximumDelay: 0))
        let limits = try SimulateCommand(arguments: ["--batch-size", "8", "--batch-delay", "20"]).options.settings
        #expect(limits.batching == Settings.Batching(maximumSize: 8, maximumDelay: 20))
        #expect(ProtocolSwitches.describeStateKeeping(limits).hasSuffix("batching up to 8 requests a slot, delay up to 20 ticks"))
        #expect(try RunCommand(arguments: ["--batch-size", "1"]).options.settings.batching?.maximumSize == 1)
        let off = try RunCommand(arguments: ["--no-batching"]).options.settings
        #expect(off.batching == nil)
        #expect(ProtocolSwitches.describeStateKeeping(off).hasSuffix("batching off"))
        #expect(usageError { () throws(UsageError) in try SimulateCommand(arguments: ["--batch-size", "0"]) }
            == "--batch-size takes a whole number from 1 to 10000, got '0'")
        #expect(usageError { () throws(UsageError) in try RunCommand(arguments: ["--batch-delay", "-1"]) }
            == "--batch-delay takes a whole number from 0 to 1000000, got '-1'")
        #expect(usageError { () throws(UsageError) in try SimulateCommand(arguments: ["--no-batching", "--batch-size", "8"]) }
            == "--no-batching takes no --batch-size or --batch-delay")
    }

    @Test("--value-size takes 1 to 1,000,000 bytes and is not given with --profile")
    func valueSize() throws {
        #expect(try SimulateCommand(arguments: ["--value-size", "1024"]).valueSize == 1024)
        #expect(try SimulateCommand(arguments: []).valueSize == nil)
        #expect(usageError { () throws(UsageError) in try SimulateCommand(arguments: ["--value-size", "0"]) }
            == "--value-size takes a whole number from 1 to 1000000, got '0'")
        #expect(usageError { () throws(UsageError) in try SimulateCommand(arguments: ["--profile", "none", "--value-size", "8"]) }
            == "--profile sets the network, the faults and the workload; --value-size cannot be given with it")
        #expect(usageError { () throws(UsageError) in try SimulateCommand(arguments: ["--no-gc", "--no-gc"]) }
            == "--no-gc given more than once")
    }
}

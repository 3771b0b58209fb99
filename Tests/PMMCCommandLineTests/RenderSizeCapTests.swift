import Foundation
import Testing
@testable import pmmc

/// `pmmc render` keeps an SVG to a size a browser opens: at most 20,000 px tall unless told
/// otherwise, the steps that fit drawn.
@Suite("pmmc render: the size cap")
struct RenderSizeCapTests {
    @Test("the cap: 20,000 px by default, --max-height PX, none with --all; both together is bad usage")
    func options() throws {
        #expect(try RenderCommand(arguments: ["t.jsonl"]).maxHeight == RenderCommand.defaultMaxHeight)
        #expect(RenderCommand.defaultMaxHeight == 20_000)
        #expect(try RenderCommand(arguments: ["t.jsonl", "--max-height", "5000"]).maxHeight == 5000)
        #expect(try RenderCommand(arguments: ["t.jsonl", "--all"]).maxHeight == nil)
        let both = usageError { () throws(UsageError) in try RenderCommand(arguments: ["t.jsonl", "--all", "--max-height", "5000"]) }
        #expect(both == "--all and --max-height cannot be given together")
        let tiny = usageError { () throws(UsageError) in try RenderCommand(arguments: ["t.jsonl", "--max-height", "10"]) }
        #expect(tiny != nil)
    }

    @Test("a long trace's SVG stops at the cap; --all draws it whole")
    func capsTheSVG() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pmmc-render-cap-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appendingPathComponent("run.jsonl").path
        _ = try SimulateCommand(arguments: ["--operations", "12", "--trace", trace]).run()
        func height(_ arguments: [String]) throws -> Double {
            let output = directory.appendingPathComponent("out.svg").path
            _ = try RenderCommand(arguments: [trace, "--format", "svg", "--output", output] + arguments).run()
            let svg = try String(contentsOfFile: output, encoding: .utf8)
            let parts = svg.components(separatedBy: " height=\"")
            try #require(parts.count > 1)
            return try #require(Double(String(parts[1].prefix { $0 != "\"" })))
        }
        let whole = try height(["--all"])
        let capped = try height(["--max-height", "3000"])
        #expect(whole > 3000, "the trace must be long enough to need the cap")
        #expect(capped <= 3000)
        #expect(capped > 1500, "as many steps as fit are drawn")
        #expect(whole <= 20_000, "below the default cap")
        #expect(try height([]) == whole)
    }
}

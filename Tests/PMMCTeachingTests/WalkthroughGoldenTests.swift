import Foundation
import Testing
import PMMCTeaching

/// Each walk-through's rendered output is a reviewed file: the text under Golden/walkthroughs,
/// the Markdown and SVG under Docs/walkthroughs. A change to a walk-through, the protocol or a
/// renderer shows up as a failing test here and as a diff once `Scripts/render-walkthroughs.sh`
/// has rewritten the files.
@Suite struct WalkthroughGoldenTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Compares `rendered` with the file, as `pmmc --output` writes it: ending in a newline.
    private func expectMatches(_ rendered: String, file relativePath: String) throws {
        let output = rendered.hasSuffix("\n") ? rendered : rendered + "\n"
        let url = Self.root.appendingPathComponent(relativePath)
        let expected = try #require(try? String(contentsOf: url, encoding: .utf8),
                                    "\(relativePath) is missing; run Scripts/render-walkthroughs.sh")
        guard output != expected else { return }
        let produced = output.split(separator: "\n", omittingEmptySubsequences: false)
        let reviewed = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(produced, reviewed).firstIndex { $0 != $1 } ?? min(produced.count, reviewed.count)
        Issue.record("""
            \(relativePath) differs from the output at line \(line + 1):
              file:   \(line < reviewed.count ? String(reviewed[line]) : "(end of file)")
              output: \(line < produced.count ? String(produced[line]) : "(end of output)")
            Run Scripts/render-walkthroughs.sh and review the diff.
            """)
    }

    @Test(arguments: Walkthroughs.all.map(\.name))
    func textMatchesGoldenFile(name: String) throws {
        let transcript = try #require(Walkthroughs.named(name)).run()
        try expectMatches(render(transcript, as: .text), file: "Tests/PMMCTeachingTests/Golden/walkthroughs/\(name).txt")
    }

    @Test(arguments: Walkthroughs.all.map(\.name))
    func documentedMarkdownAndSVGAreCurrent(name: String) throws {
        let transcript = try #require(Walkthroughs.named(name)).run()
        try expectMatches(render(transcript, as: .markdown), file: "Docs/walkthroughs/\(name).md")
        try expectMatches(render(transcript, as: .svg), file: "Docs/walkthroughs/\(name).svg")
    }

    @Test(arguments: Walkthroughs.all.map(\.name))
    func runsAreDeterministic(name: String) throws {
        let walkthrough = try #require(Walkthroughs.named(name))
        #expect(try walkthrough.run() == walkthrough.run())
    }
}

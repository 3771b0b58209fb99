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
        Issue.record(Comment(rawValue: RenderGolden.difference(expected: expected, actual: output, file: relativePath)
            + "\nRun Scripts/render-walkthroughs.sh and review the diff."))
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

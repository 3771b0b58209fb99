import Foundation
import Testing

/// Compares rendered output with a file under `Golden/`. With `PMMC_UPDATE_GOLDEN=1` in the
/// environment the file is rewritten instead; otherwise a difference fails the test with the
/// first differing line and its neighbours.
enum RenderGolden {
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PMMC_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(url.path) is missing; run with PMMC_UPDATE_GOLDEN=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        Issue.record(Comment(rawValue: difference(expected: expected, actual: actual, file: url.path)),
                     sourceLocation: sourceLocation)
    }

    /// The first line that differs, with two lines of context, as `-expected` / `+actual`.
    static func difference(expected: String, actual: String, file: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        var lines = ["output differs from \(file) at line \(first + 1) "
                     + "(PMMC_UPDATE_GOLDEN=1 rewrites it):"]
        for index in max(0, first - 2)..<first where index < old.count {
            lines.append("  " + old[index])
        }
        for index in first..<min(old.count, first + 3) { lines.append("- " + old[index]) }
        for index in first..<min(new.count, first + 3) { lines.append("+ " + new[index]) }
        return lines.joined(separator: "\n")
    }
}

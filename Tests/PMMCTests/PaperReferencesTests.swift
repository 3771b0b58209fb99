import Foundation
import Testing

/// Pins the paper's figure numbers (ACM Computing Surveys 47(3), 2015) wherever the project
/// names them for a role: the role's source file, its unit tests, and the table in
/// Docs/Architecture.md.
@Suite struct PaperReferencesTests {
    /// Each role and the figure of its pseudo-code.
    static let figures: [(role: String, figure: String)] = [
        ("Replica", "1"), ("Acceptor", "4"), ("Commander", "6(a)"), ("Scout", "6(b)"), ("Leader", "7"),
    ]

    /// Phrasings the project once used for the wrong figures.
    static let retired = ["figure 3", "figure 4 (top)", "figure 4 (bottom)"]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("each role's file, its tests and Architecture.md name its figure", arguments: figures)
    func roleNamesItsFigure(role: String, figure: String) throws {
        let source = try Self.read("Sources/PMMC/Roles/\(role).swift")
        #expect(source.hasPrefix("/// A\(role == "Acceptor" ? "n" : "") \(role.lowercased()) (paper figure \(figure)):"))
        let tests = try Self.read("Tests/PMMCTests/\(role)Tests.swift")
        #expect(tests.contains("\(role.lowercased()) of paper figure \(figure)"))
        let architecture = try Self.read("Docs/Architecture.md")
        #expect(architecture.contains("| `Roles/\(role).swift` | Figure \(figure) |"))
    }

    @Test("no source, test or document uses a retired figure reference")
    func noRetiredReferences() throws {
        var offenders: [String] = []
        for folder in ["Sources", "Tests", "Docs"] {
            let files = FileManager.default.enumerator(at: Self.root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                guard ["swift", "md"].contains(file.pathExtension), file.lastPathComponent != "PaperReferencesTests.swift" else { continue }
                let text = try String(contentsOf: file, encoding: .utf8).lowercased()
                for phrase in Self.retired where text.contains(phrase) {
                    offenders.append("\(file.lastPathComponent): \(phrase)")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}

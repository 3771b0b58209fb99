import PMMC
import Testing
@testable import PMMCStudio

/// The Swift an exported test is written in names everything the session was made of.
@Suite struct SwiftLiteralTests {
    @Test("a non-paper Settings literal names every stored setting, so a new switch cannot be left out of an export")
    func settingsNameEverySetting() {
        let settings = Settings(window: 7, executedReportInterval: 50)
        let literal = SwiftLiteral.settings(settings)
        for case let name? in Mirror(reflecting: settings).children.map(\.label) {
            #expect(literal.contains("\(name): "), "\(name) is missing from \(literal)")
        }
        #expect(SwiftLiteral.settings(.paper(window: 3)) == ".paper(window: 3)")
    }
}

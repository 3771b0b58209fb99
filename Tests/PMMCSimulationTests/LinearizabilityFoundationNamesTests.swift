import Foundation
import PMMC
import PMMCSimulation
import Testing

/// Pins that the checker's public names are not Foundation's too: this file imports both and
/// uses every one of them unqualified, so a clash would not compile.
@Suite("Linearizability: no public name shared with Foundation")
struct LinearizabilityFoundationNamesTests {
    @Test func checkerNamesResolveBesideFoundation() throws {
        let text = #"[{"client":0,"op":"get","key":"k","output":"x","call":0,"return":1}]"#
        let history: KeyValueHistory = try KeyValueHistory(json: text)
        let operation: KeyValueHistory.Operation = history.operations[0]
        let result: LinearizabilityResult = history.checkLinearizability()
        guard case .notLinearizable(let violation) = result.verdict else {
            Issue.record("a get of x from an empty store is not linearizable, got \(result)")
            return
        }
        let found: LinearizabilityViolation = violation
        #expect(found.operations == [operation])
        do {
            _ = try KeyValueHistory(json: "{}")
            Issue.record("an object is not a history")
        } catch {
            let typed: KeyValueHistoryFormatError = error
            #expect(typed.problem == .notAnArray(found: "an object"))
        }
    }
}

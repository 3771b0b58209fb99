import Foundation
import PMMC
import Testing

/// Pins that `PMMC` declares no public name that `Foundation` also declares: a file importing
/// both must compile with every name unqualified.
@Suite struct FoundationNamesTests {
    @Test func foundationProcessAndTheProtocolsRoleLiveSideBySide() {
        let foundationProcess: Process.Type = Process.self
        let role: Role<KeyValueStore> = .acceptor(Acceptor(id: .acceptor(0)))
        #expect(foundationProcess == Foundation.Process.self)
        #expect(role.id == .acceptor(0))
    }
}

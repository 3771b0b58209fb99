import Testing
import PMMC
@testable import PMMCSimulation

/// The simulator's directory from process ids to table slots, children by number in arrays.
@Suite("Process directory")
struct ProcessDirectoryTests {
    @Test("children are found by number in any order of spawning and exit, and nothing else is")
    func childrenByNumber() {
        var directory = ProcessDirectory()
        directory[.leader(1)] = 0
        for number in [5, 6, 7, 9, 3] {
            directory[.commander(leader: 1, number: number)] = 10 + number
        }
        directory[.scout(leader: 1, number: 4)] = 4
        #expect(directory[.commander(leader: 1, number: 3)] == 13)
        #expect(directory[.commander(leader: 1, number: 9)] == 19)
        #expect(directory[.commander(leader: 1, number: 4)] == nil, "number 4 is a scout")
        #expect(directory[.scout(leader: 1, number: 5)] == nil, "number 5 is a commander")
        #expect(directory[.commander(leader: 0, number: 5)] == nil, "another leader's")
        #expect(directory[.commander(leader: 1, number: 8)] == nil)
        #expect(directory[.commander(leader: 1, number: 100)] == nil)
        for number in [3, 5, 6] {
            directory[.commander(leader: 1, number: number)] = nil
        }
        directory[.commander(leader: 1, number: 2)] = nil
        #expect(directory[.commander(leader: 1, number: 5)] == nil)
        #expect(directory[.commander(leader: 1, number: 7)] == 17)
        #expect(directory[.commander(leader: 1, number: 9)] == 19)
        directory[.commander(leader: 1, number: 1)] = 11
        #expect(directory[.commander(leader: 1, number: 1)] == 11)
        #expect(directory[.commander(leader: 1, number: 7)] == 17)
        #expect(directory.ids == [.leader(1), .scout(leader: 1, number: 4), .commander(leader: 1, number: 1),
                                  .commander(leader: 1, number: 7), .commander(leader: 1, number: 9)])
    }

    @Test("a thousand children spawned and exited in order leave only the live ones")
    func manyChildren() {
        var directory = ProcessDirectory()
        for number in 1...1_000 {
            directory[.commander(leader: 0, number: number)] = number
            if number > 3 { directory[.commander(leader: 0, number: number - 3)] = nil }
        }
        #expect(directory.ids == (998...1_000).map { .commander(leader: 0, number: $0) })
        #expect(directory[.commander(leader: 0, number: 999)] == 999)
        #expect(directory[.commander(leader: 0, number: 997)] == nil)
    }
}

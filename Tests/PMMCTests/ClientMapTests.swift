import Testing
@testable import PMMC

@Suite("ClientMap")
struct ClientMapTests {
    /// Clients, a negative client index and other processes, which the map keeps apart.
    private static let ids: [ProcessID] = (0..<6).map(ProcessID.client) + [
        .client(-1), .replica(0), .replica(1), .leader(0), .commander(leader: 0, number: 3),
    ]

    @Test("it holds what a dictionary holds, through sets, overwrites and removals", arguments: [1, 2, 3])
    func matchesDictionary(seed: UInt64) {
        var random = Steps(seed: seed)
        var map = ClientMap<Int>()
        var model: [ProcessID: Int] = [:]
        for step in 0..<2_000 {
            let id = Self.ids[random.next(below: Self.ids.count)]
            if random.next(below: 3) == 0 {
                map[id] = nil
                model[id] = nil
            } else {
                map[id] = step
                model[id] = step
            }
            for probe in Self.ids + [.client(40)] {
                #expect(map[probe] == model[probe])
            }
            #expect(map.isEmpty == model.isEmpty)
        }
    }

    @Test("equal contents are equal and hash alike, however they were built")
    func equality() {
        var grown = ClientMap<String>()
        for index in 0..<8 { grown[.client(index)] = "v\(index)" }
        grown[.replica(0)] = "r"
        for index in 2..<8 { grown[.client(index)] = nil }
        grown[.replica(0)] = nil
        var built = ClientMap<String>()
        built[.client(1)] = "v1"
        built[.client(0)] = "v0"
        #expect(grown == built)
        #expect(grown.hashValue == built.hashValue)
        built[.client(5)] = "v5"
        #expect(grown != built)
        built[.client(5)] = nil
        #expect(grown == built)
        #expect(ClientMap<String>().isEmpty && !grown.isEmpty)
    }

    @Test("filter and mapValues keep the ids of what they keep")
    func filterAndMapValues() {
        var map = ClientMap<Int>()
        map[.client(0)] = 1
        map[.client(3)] = 4
        map[.replica(1)] = 7
        let even = map.filter { _, value in value % 2 == 0 }
        #expect(even[.client(3)] == 4 && even[.client(0)] == nil && even[.replica(1)] == nil)
        let doubled = map.mapValues { $0 * 2 }
        #expect(doubled[.client(0)] == 2 && doubled[.client(3)] == 8 && doubled[.replica(1)] == 14)
        #expect(doubled[.client(1)] == nil)
    }
}

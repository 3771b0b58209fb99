import Testing
@testable import PMMC

@Suite("SlotLog")
struct SlotLogTests {
    @Test("it holds what a dictionary holds, through inserts, overwrites, removals and collection", arguments: [1, 2, 3, 4])
    func matchesDictionary(seed: Int) {
        var steps = Steps(seed: UInt64(seed))
        var log = SlotLog<Int>()
        var model: [Int: Int] = [:]
        var low = 1
        for step in 0..<4_000 {
            // Slots move on as a window does, with now and then one far below or ahead.
            let slot = low + steps.next(below: 12) - (steps.next(below: 20) == 0 ? 8 : 0)
            switch steps.next(below: 10) {
            case 0...4:
                log[slot] = step
                model[slot] = step
            case 5...6:
                #expect(log.removeValue(forSlot: slot) == model.removeValue(forKey: slot))
            case 7:
                log[slot] = nil
                model[slot] = nil
            case 8:
                low += steps.next(below: 4)
            default:
                let below = low + steps.next(below: 6) - 3
                log.removeAll(below: below)
                model = model.filter { $0.key >= below }
            }
            #expect(log.count == model.count)
            #expect(log.isEmpty == model.isEmpty)
            #expect(log.keys == model.keys.sorted())
            #expect(log.values == model.keys.sorted().map { model[$0]! })
            #expect(log.map(\.slot) == log.keys)
            for probe in (low - 10)...(low + 14) {
                #expect(log[probe] == model[probe])
            }
        }
    }

    @Test("equal contents are equal and hash alike, however they were built")
    func equality() {
        var grown = SlotLog<String>()
        for slot in 1...40 { grown[slot] = "x\(slot)" }
        grown.removeAll(below: 38)
        grown[39] = nil
        var built: SlotLog<String> = [40: "x40"]
        built[38] = "x38"
        #expect(grown == built)
        #expect(grown.hashValue == built.hashValue)
        built[38] = "other"
        #expect(grown != built)
        #expect(grown != [38: "x38"])
    }

    @Test("it prints like a dictionary, in slot order")
    func description() {
        #expect(SlotLog<String>().description == "[:]")
        let log: SlotLog<String> = [3: "c", 1: "a"]
        #expect(log.description == "[1: a, 3: c]")
    }

    @Test("removeAll empties it, and it starts over from the next slot set")
    func removeAll() {
        var log: SlotLog<Int> = [5: 5, 6: 6]
        log.removeAll()
        #expect(log.isEmpty && log.keys.isEmpty && log[5] == nil)
        log[100] = 1
        #expect(log.keys == [100] && log.count == 1)
    }
}

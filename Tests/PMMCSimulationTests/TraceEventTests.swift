import Foundation
import Testing
import PMMC
import PMMCHost
import PMMCSimulation
import PMMCTesting
import PMMCTrace

/// Trace events as JSON Lines: a fixed key order and correct string escaping, so traces are
/// byte-for-byte comparable and parse as JSON.
@Suite("Trace JSON")
struct TraceEventTests {
    @Test("all fields appear in the fixed order time, kind, src, dst, id, type, msg, slot, timer, reason, ignored, injected, detail")
    func fieldOrder() {
        let event = TraceEvent(time: 12, kind: .deliver, source: .commander(leader: 1, number: 3),
                               destination: .replica(0), messageID: 40, messageKind: .decision, message: "decision(4, Put k v)",
                               slot: 4, timer: .leaderCheck(epoch: 2), reason: .loss, ignored: true, injected: true, detail: "why")
        #expect(event.jsonLine
            == #"{"time":12,"kind":"deliver","src":"l1/c3","dst":"r0","id":40,"type":"decision","msg":"decision(4, Put k v)","slot":4,"timer":"leaderCheck(epoch: 2)","reason":"loss","ignored":true,"injected":true,"detail":"why"}"#)
    }

    @Test("numbers are written as String spells them, at every length and sign")
    func numbers() {
        var values = [0, 7, 9, 10, 42, 99, 100, 101, 999, 1_000, 12_345, 99_999, 100_000, 1_234_567, Int.max, Int.min, -1, -10, -99, -100]
        var power = 1
        for _ in 1...18 {
            power *= 10
            values += [power - 1, power, power + 1, -power]
        }
        for value in values {
            #expect(TraceEvent(time: 0, kind: .decide, slot: value).jsonLine == #"{"time":0,"kind":"decide","slot":\#(value)}"#)
        }
        // A time is remembered for the next line: each is written whole, whatever came before.
        var written = ""
        let lines = TraceLines(flushSize: 1) { written += String(decoding: $0, as: UTF8.self) }
        for time in [-1, -1, 0] + values + values.reversed() {
            lines.append(TraceEvent(time: time, kind: .heal))
        }
        let expected = ([-1, -1, 0] + values + values.reversed()).map { #"{"time":\#($0),"kind":"heal"}"# + "\n" }.joined()
        #expect(written == expected)
    }

    /// The fields from `kind` to `type` are written into room reserved once for their longest
    /// spelling: processes with the longest indices, the longest id, kind and type.
    @Test("the longest process names, id, kind and type are written whole")
    func longestLineStart() {
        let event = TraceEvent(time: Int.min, kind: .partition, source: .commander(leader: Int.min, number: Int.min),
                               destination: .scout(leader: Int.min, number: Int.max), messageID: Int.min,
                               messageKind: .preempted)
        #expect(event.jsonLine == #"{"time":-9223372036854775808,"kind":"partition","src":"l-9223372036854775808/c-9223372036854775808","dst":"l-9223372036854775808/s9223372036854775807","id":-9223372036854775808,"type":"preempted"}"#)
    }

    @Test("absent fields are left out")
    func absentFields() {
        #expect(TraceEvent(time: 0, kind: .heal).jsonLine == #"{"time":0,"kind":"heal"}"#)
        #expect(TraceEvent(time: 7, kind: .decide, source: .replica(1), message: "Noop", slot: 9).jsonLine
            == #"{"time":7,"kind":"decide","src":"r1","msg":"Noop","slot":9}"#)
        #expect(TraceEvent(time: 3, kind: .crash, source: .acceptor(2)).jsonLine == #"{"time":3,"kind":"crash","src":"a2"}"#)
    }

    @Test("quotes, backslashes, newlines and control characters are escaped")
    func escaping() {
        let event = TraceEvent(time: 1, kind: .respond, source: .client(0),
                               message: "say \"hi\"\\\nbye", detail: "tab\there\r\u{1}é")
        #expect(event.jsonLine
            == #"{"time":1,"kind":"respond","src":"c0","msg":"say \"hi\"\\\nbye","detail":"tab\there\r\u0001é"}"#)
        #expect(!event.jsonLine.contains("\n"), "one event is one line")
    }

    /// The writer copies strings of up to 16 bytes a word at a time and escapes longer ones
    /// eight bytes at a time: a byte to escape, or a byte at or above 0x80, at every position
    /// of every length around those sizes is quoted as a byte-by-byte reference quotes it.
    @Test("short and long strings with a special byte anywhere are quoted byte for byte as a reference quotes them")
    func escapingAtEveryPosition() {
        func reference(_ text: String) -> String {
            var quoted = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                case "\n": quoted += "\\n"
                case "\r": quoted += "\\r"
                case "\t": quoted += "\\t"
                case _ where scalar.value < 0x20:
                    quoted += "\\u00" + String(scalar.value >> 4, radix: 16) + String(scalar.value & 0xF, radix: 16)
                default: quoted.unicodeScalars.append(scalar)
                }
            }
            return quoted + "\""
        }
        let specials: [Unicode.Scalar] = ["\"", "\\", "\n", "\u{0}", "\u{1F}", " ", "~", "\u{7F}", "é", "€"]
        for length in 0...26 {
            let plain = String((0..<length).map { Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
            #expect(JSONText.quoted(plain) == reference(plain))
            for position in 0..<length {
                for special in specials {
                    var scalars = Array(plain.unicodeScalars)
                    scalars[position] = special
                    var text = ""
                    text.unicodeScalars.append(contentsOf: scalars)
                    #expect(JSONText.quoted(text) == reference(text), "length \(length), position \(position)")
                }
            }
        }
    }

    /// A trace writer copies a command's notation from what it wrote for the same command
    /// before: commands written again and again, more of them than it remembers, some with
    /// text to escape and some too long to remember, come out as their descriptions escaped.
    @Test("commands written many times come out as their escaped descriptions every time")
    func rememberedCommands() {
        let values = ["v", "say \"hi\"", "tab\there", String(repeating: "long", count: 30), "é€"]
        let commands = (0..<3_000).map { index in
            Command<KeyValueStore>(client: .client(index % 7), requestID: index,
                                   body: .operation(.append(key: "k\(index % 11)", value: values[index % values.count])))
        }
        var buffer = JSONBuffer()
        var expected = ""
        var rounds = SeededRandom(seed: 5)
        for _ in 0..<20_000 {
            let command = commands[rounds.uniform(in: 0...commands.count - 1)]
            command.writeNotation(to: &buffer)
            buffer.write(" | ")
            let quoted = JSONText.quoted(command.description)
            expected += quoted.dropFirst().dropLast() + " | "
        }
        #expect(buffer.text == expected)
    }

    @Test("escaped lines parse back as JSON to the original strings")
    func roundTrip() throws {
        let message = "Put k \"quoted\" \\ back\nslash\u{7}"
        let line = TraceEvent(time: 5, kind: .send, source: .leader(0), destination: .acceptor(1),
                              message: message, detail: "x\ty").jsonLine
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == message)
        #expect(object["detail"] as? String == "x\ty")
        #expect(object["src"] as? String == "l0")
        #expect((object["time"] as? NSNumber)?.intValue == 5)
    }

    @Test("a whole simulation's trace is valid JSON, one object per line, with non-decreasing times")
    func simulationTraceIsValid() throws {
        let simulation = try makeSimulation(seed: 3, clients: 2, network: NetworkModel(lossRate: 0.1, duplicationRate: 0.1))
        var lines: [String] = []
        var kinds: Set<TraceEvent.Kind> = []
        simulation.trace = { lines.append($0.jsonLine); kinds.insert($0.kind) }
        try simulation.put("k\"1", "a\\b", client: 0)
        try simulation.get("k\"1", client: 0)
        try simulation.put("k\n2", "\"", client: 1)
        // Crashing the leader with the higher ballot makes the other one ping it (timers).
        try simulation.schedule(.crash(.leader(1)), at: 20)
        simulation.run(until: everyReplicaApplied, timeLimit: 100_000)
        #expect(simulation.allOperationsCompleted)
        simulation.run(timeLimit: simulation.now + 1_000)
        let get = simulation.operations.first { $0.body == .operation(.get(key: "k\"1")) }
        #expect(get?.output == "a\\b")
        var last = 0
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            let time = try #require((object["time"] as? NSNumber)?.intValue)
            #expect(time >= last)
            last = time
        }
        #expect(kinds.isSuperset(of: [.send, .deliver, .drop, .spawn, .exit, .timer, .crash, .decide, .apply, .respond]),
                "\(kinds.map(\.rawValue).sorted())")
    }

    @Test("lines written straight into trace lines are the events' JSON lines, byte for byte")
    func traceLinesMatchEvents() throws {
        let simulation = try makeSimulation(seed: 5, clients: 2, network: NetworkModel(latency: 1...4, lossRate: 0.1, duplicationRate: 0.1))
        var expected = ""
        simulation.trace = { expected += $0.jsonLine + "\n" }
        var written: [UInt8] = []
        let lines = TraceLines(flushSize: 512) { written.append(contentsOf: $0) }
        simulation.traceLines = lines
        try simulation.put("k\"1", "a\\b\u{1}", client: 0)
        try simulation.append("k\"1", "+é", client: 1)
        try simulation.get("k\"1", client: 0)
        try simulation.schedule(.crash(.leader(1)), at: 20)
        try simulation.schedule(.partition([[.leader(0), .acceptor(0)]]), at: 30)
        try simulation.schedule(.heal, at: 60)
        simulation.run(until: everyReplicaApplied, timeLimit: 100_000)
        #expect(simulation.allOperationsCompleted)
        lines.flush()
        let text = String(decoding: written, as: UTF8.self)
        #expect(text == expected)
        for kind in [TraceEvent.Kind.send, .deliver, .drop, .duplicate, .spawn, .exit, .timer, .crash, .partition, .heal, .decide, .apply, .respond] {
            #expect(text.contains(#""kind":"\#(kind.rawValue)""#), "no \(kind) line")
        }
    }
}

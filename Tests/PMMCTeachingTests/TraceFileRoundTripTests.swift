import Testing
import PMMC
import PMMCHost
import PMMCSimulation
import PMMCTrace
import PMMCTeaching

/// Parsing is the inverse of writing: `TraceEvent(jsonLine: event.jsonLine) == event`, and a
/// simulation's whole trace reads back as written.
@Suite("Trace file round trip")
struct TraceFileRoundTripTests {
    /// Strings that stress the escaping: quotes, backslashes, control characters, newlines,
    /// non-ASCII letters, emoji outside the Basic Multilingual Plane, a slash, empty.
    static let awkwardStrings = [
        "", "plain", "say \"hi\"", "back\\slash", "\\\"", "two\nlines", "cr\r\ntab\t", "\u{0}\u{1}\u{1F}\u{7F}",
        "é, ü, 中文", "🙂 \u{1F9EA}", "a/b", "\u{2028}\u{2029}", "Put k1 \"v\\1\"\n", "#1 \"\"",
    ]

    static let processes: [ProcessID] = [
        .client(0), .client(12), .replica(1), .leader(0), .leader(10), .acceptor(4),
        .scout(leader: 1, number: 3), .commander(leader: 0, number: 107),
    ]

    static let timers: [TimerID] = [
        .phaseRetransmit, .proposalRetransmit, .requestRetransmit(requestID: 12), .leaderCheck(epoch: 3),
    ]

    /// `count` events built from a seed, covering every kind and every optional field absent
    /// and present.
    static func events(count: Int, seed: UInt64) -> [TraceEvent] {
        var random = SeededRandom(seed: seed)
        func pick<T>(_ choices: [T]) -> T { choices[random.uniform(in: 0...choices.count - 1)] }
        func maybe<T>(_ make: () -> T) -> T? { random.chance(0.5) ? make() : nil }
        var time = 0
        return (0..<count).map { index in
            time += random.uniform(in: 0...3)
            var event = TraceEvent(
                time: time, kind: pick(TraceEvent.Kind.allCases),
                source: maybe { pick(processes) }, destination: maybe { pick(processes) },
                message: maybe { pick(awkwardStrings) + pick(awkwardStrings) },
                slot: maybe { random.uniform(in: 1...1_000_000) }, detail: maybe { pick(awkwardStrings) })
            if event.isMessage {
                event.messageID = index
                event.messageKind = maybe { pick(MessageKind.allCases) }
            }
            switch event.kind {
            case .send: event.injected = random.chance(0.5)
            case .deliver: event.ignored = random.chance(0.5)
            case .drop: event.reason = maybe { pick(TraceEvent.DropReason.allCases) }
            case .timer: event.timer = maybe { pick(timers) }
            default: break
            }
            return event
        }
    }

    @Test("every event's JSON line parses back to the same event")
    func eventsRoundTrip() throws {
        for event in Self.events(count: 5_000, seed: 11) {
            #expect(try TraceEvent(jsonLine: event.jsonLine) == event, "\(event.jsonLine)")
        }
    }

    @Test("extreme values round-trip: time 0 and Int.max, negative and huge slots")
    func extremeValues() throws {
        for event in [
            TraceEvent(time: 0, kind: .heal),
            TraceEvent(time: Int.max, kind: .decide, source: .replica(0), message: "x", slot: Int.min),
            TraceEvent(time: 1, kind: .apply, slot: 0),
        ] {
            #expect(try TraceEvent(jsonLine: event.jsonLine) == event)
        }
    }

    @Test("a file of a header and events parses to the header's fields and the events")
    func fileRoundTrips() throws {
        let events = Self.events(count: 2_000, seed: 5)
        let header = TraceHeader.simulator(arguments: ["--seed", "3", "--title", "a \"b\""])
        let text = TraceFile(header: header, events: events).text
        #expect(text.hasPrefix(#"{"pmmc":"trace","version":2,"host":"simulator","time":"tick","command":"simulate","arguments":["--seed","3","--title","a \"b\""]}"#))
        let file = try TraceFile(parsing: text)
        #expect(file.header == header)
        #expect(file.events == events)
    }

    @Test("a simulation's trace reads back event for event")
    func simulationTrace() throws {
        var options = SimulationOptions()
        options.seed = 9
        options.network.lossRate = 0.1
        let simulation = try Simulation<KeyValueStore>(options: options)
        var written: [TraceEvent] = []
        simulation.trace = { written.append($0) }
        try simulation.put("k\"1", "v\\1\n", client: 0)
        try simulation.append("k\"1", "é🙂", client: 1)
        try simulation.get("k\"1", client: 0)
        try simulation.schedule(.crash(.leader(1)), at: 30)
        simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 100_000)
        #expect(simulation.allOperationsCompleted)
        let text = TraceFile(header: .simulator(arguments: []), events: written).text
        #expect(try TraceFile(parsing: text).events == written)
        #expect(written.count > 100)
    }

    @Test("JSON the writer never produces is read too: spaces, any key order, escaped slash and \\u")
    func otherSpellings() throws {
        let line = #" { "kind" : "send", "msg":"a\/b \u00e9\ud83d\ude42\u0041", "dst":"a0","src":"l0/s1","time": 4, "id" : 7 } "#
        #expect(try TraceEvent(jsonLine: line)
            == TraceEvent(time: 4, kind: .send, source: .scout(leader: 0, number: 1), destination: .acceptor(0), messageID: 7, message: "a/b é🙂A"))
    }

    @Test("a file may end with blank lines and use CRLF line ends")
    func lineEnds() throws {
        let header = TraceHeader.simulator(arguments: []).jsonLine
        let text = header + "\r\n{\"time\":1,\"kind\":\"heal\"}\r\n\n  \n"
        #expect(try TraceFile(parsing: text).events == [TraceEvent(time: 1, kind: .heal)])
        let headerOnly = try TraceFile(parsing: header)
        #expect(headerOnly.events.isEmpty)
    }
}

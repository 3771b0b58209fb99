import Testing
import PMMC
import PMMCRuntime
import PMMCTrace

/// The actor runtime writes the same trace as the simulator: every copy of a message has an id
/// its delivery or drop repeats, times never decrease, and the file reads back strictly.
@Suite("Runtime trace")
struct RuntimeTraceTests {
    /// A run under loss and a leader crash, traced from before its first process started.
    static func tracedRun() async throws -> [TraceEvent] {
        var options = ClusterOptions()
        options.faults = NetworkFaults(lossRate: 0.1, extraDelay: 0...2, seed: 3)
        var stream: AsyncStream<TimedRuntimeEvent<KeyValueStore>>?
        let cluster = try Cluster<KeyValueStore>(options: options, observe: { stream = $0 })
        let events = try #require(stream)
        let collected = Task {
            var written: [TraceEvent] = []
            for await timed in events {
                written.append(timed.traceEvent)
            }
            return written
        }
        try await withShutdown(of: cluster) { cluster in
            let clients = try (0..<2).map { _ in try cluster.makeClient() }
            try await Workload.run(clients, 0..<10)
            try cluster.crash(.leader(1))
            try await Workload.run(clients, 10..<20)
        }
        return await collected.value
    }

    @Test("every delivery and drop names the id of an earlier send on the same route; times never decrease")
    func idsPairAndTimesIncrease() async throws {
        let events = try await Self.tracedRun()
        var sent: [Int: TraceEvent] = [:]
        var last = 0
        for event in events {
            #expect(event.time >= last)
            last = event.time
            guard event.isMessage, let id = event.messageID else { continue }
            switch event.kind {
            case .send, .duplicate:
                #expect(sent[id] == nil, "id \(id) sent twice")
                sent[id] = event
            case .deliver, .drop:
                let match = sent.removeValue(forKey: id)
                let send = try #require(match, "no send for \(event.jsonLine)")
                #expect(send.source == event.source && send.destination == event.destination && send.message == event.message)
            default:
                break
            }
        }
        let kinds = Set(events.map(\.kind))
        #expect(kinds.isSuperset(of: [.send, .deliver, .drop, .spawn, .exit, .decide, .apply, .respond, .crash]),
                "\(kinds.map(\.rawValue).sorted())")
        #expect(events.first?.kind == .spawn, "the trace starts with the leaders' first scouts, nothing missed")
    }

    @Test("a runtime trace reads back as written, with a runtime header in microseconds")
    func roundTrip() async throws {
        let events = try await Self.tracedRun()
        let header = RuntimeTrace.header(arguments: ["--operations", "20"])
        #expect(header.host == .runtime && header.timeUnit == .microsecond)
        let file = try TraceFile(parsing: TraceFile(header: header, events: events).text)
        #expect(file.header == header)
        #expect(file.events == events)
    }
}

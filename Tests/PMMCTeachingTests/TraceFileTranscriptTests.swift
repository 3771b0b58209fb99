import Testing
import PMMC
import PMMCSimulation
import PMMCTrace
import PMMCTeaching

/// `Transcript(trace:title:window:)`: one step per instant, lanes for the host processes, and
/// windows that cut a long trace down.
@Suite("Transcript of a trace")
struct TraceFileTranscriptTests {
    static let events = [
        TraceEvent(time: 0, kind: .spawn, source: .leader(1), destination: .scout(leader: 1, number: 1), message: "scout 0.1"),
        TraceEvent(time: 0, kind: .send, source: .scout(leader: 1, number: 1), destination: .acceptor(2), message: "p1a(0.1)"),
        TraceEvent(time: 3, kind: .deliver, source: .scout(leader: 1, number: 1), destination: .acceptor(2), message: "p1a(0.1)"),
        TraceEvent(time: 3, kind: .send, source: .client(10), destination: .replica(0), message: "request"),
        TraceEvent(time: 3, kind: .send, source: .client(2), destination: .replica(0), message: "request"),
        TraceEvent(time: 7, kind: .partition, detail: "{l0, a0} | rest"),
        TraceEvent(time: 9, kind: .crash, source: .acceptor(0)),
        TraceEvent(time: 12, kind: .decide, source: .replica(1), message: "Put k v", slot: 1),
    ]

    @Test("one step per instant, narrated t=…, events in order, numbered from 1")
    func steps() throws {
        let transcript = Transcript(trace: Self.events, title: "A trace")
        #expect(transcript.title == "A trace")
        #expect(transcript.lesson.isEmpty)
        #expect(transcript.checks.isEmpty)
        #expect(transcript.allChecksHold)
        let part = try #require(transcript.parts.first)
        #expect(transcript.parts.count == 1)
        #expect(part.heading == nil && part.forksFrom == nil)
        #expect(part.steps.map(\.number) == [1, 2, 3, 4, 5])
        #expect(part.steps.map(\.narration) == ["t=0", "t=3", "t=7", "t=9", "t=12"])
        #expect(part.steps.flatMap(\.events) == Self.events)
        #expect(part.steps[1].events.count == 3)
        #expect(part.steps.allSatisfy { $0.panels.isEmpty })
    }

    @Test("lanes: the host of every process named, clients, replicas, leaders, acceptors, each by index")
    func lanes() {
        let transcript = Transcript(trace: Self.events, title: "")
        #expect(transcript.lanes == [.client(2), .client(10), .replica(0), .replica(1), .leader(1), .acceptor(0), .acceptor(2)])
    }

    @Test("a time window is inclusive at both ends; lanes come from the events it keeps")
    func timeWindow() throws {
        let transcript = Transcript(trace: Self.events, title: "", window: TraceWindow(from: 3, to: 9))
        let steps = try #require(transcript.parts.first).steps
        #expect(steps.map(\.narration) == ["t=3", "t=7", "t=9"])
        #expect(steps.map(\.number) == [1, 2, 3])
        #expect(transcript.lanes == [.client(2), .client(10), .replica(0), .leader(1), .acceptor(0), .acceptor(2)])
    }

    @Test("caps on steps and on events")
    func caps() throws {
        let bySteps = Transcript(trace: Self.events, title: "", window: TraceWindow(from: 1, maxSteps: 2))
        #expect(bySteps.parts.first?.steps.map(\.narration) == ["t=3", "t=7"])
        let byEvents = Transcript(trace: Self.events, title: "", window: TraceWindow(maxEvents: 4))
        let steps = try #require(byEvents.parts.first).steps
        #expect(steps.map(\.narration) == ["t=0", "t=3"])
        #expect(steps.flatMap(\.events) == Array(Self.events.prefix(4)))
    }

    @Test("an empty window gives one part with no steps and no lanes")
    func emptyWindow() {
        let transcript = Transcript(trace: Self.events, title: "", window: TraceWindow(from: 100))
        #expect(transcript.parts == [Transcript.Part(steps: [])])
        #expect(transcript.lanes.isEmpty)
    }

    @Test("a simulation's trace: as many steps as distinct times, every role's lanes")
    func simulation() throws {
        let simulation = try Simulation<KeyValueStore>(options: SimulationOptions(seed: 4, clients: 2))
        var events: [TraceEvent] = []
        simulation.trace = { events.append($0) }
        try simulation.put("k", "v", client: 0)
        try simulation.get("k", client: 1)
        simulation.run(until: { $0.allOperationsCompleted }, timeLimit: 100_000)
        let transcript = Transcript(trace: events, title: "seed 4")
        #expect(transcript.parts.first?.steps.count == Set(events.map(\.time)).count)
        #expect(transcript.lanes == [.client(0), .client(1), .replica(0), .replica(1), .leader(0), .leader(1),
                                     .acceptor(0), .acceptor(1), .acceptor(2)])
    }
}

import Testing
import PMMC
import PMMCSimulation
import PMMCTrace
@testable import PMMCTeaching

@Suite("Message pairing")
struct RenderMessageFlowTests {
    private func transcript(_ parts: [[TraceEvent]], forks: [Int?]? = nil) -> Transcript {
        Transcript(title: "flow", lanes: [.leader(0), .acceptor(0)], parts: parts.enumerated().map { index, events in
            Transcript.Part(forksFrom: forks?[index], steps: [Transcript.Step(number: index + 1, narration: "", events: events)])
        })
    }

    private func send(_ id: Int, _ message: String = "m") -> TraceEvent {
        TraceEvent(time: 1, kind: .send, source: .leader(0), destination: .acceptor(0), messageID: id, message: message)
    }

    private func deliver(_ id: Int, _ message: String = "m") -> TraceEvent {
        TraceEvent(time: 2, kind: .deliver, source: .leader(0), destination: .acceptor(0), messageID: id, message: message)
    }

    @Test("a delivery takes the copy with its id, even when the network reordered identical messages")
    func pairsByID() {
        let flow = MessageFlow(transcript([[send(0), send(1), deliver(1), deliver(0)]]))
        #expect(flow.flights[0].map(\.start) == [.sent(EventPosition(part: 0, step: 0, event: 1)),
                                                 .sent(EventPosition(part: 0, step: 0, event: 0))])
        #expect(flow.flights[0].map(\.end) == [.delivered(EventPosition(part: 0, step: 0, event: 2), ignored: false),
                                               .delivered(EventPosition(part: 0, step: 0, event: 3), ignored: false)])
    }

    @Test("a copy not yet delivered at the end of the part is in flight")
    func inFlight() {
        let flow = MessageFlow(transcript([[send(0), send(1), deliver(0)]]))
        #expect(flow.flights[0].map(\.end) == [.delivered(EventPosition(part: 0, step: 0, event: 2), ignored: false), .inFlight])
        #expect(flow.flights[0].last?.start == .sent(EventPosition(part: 0, step: 0, event: 1)))
    }

    @Test("a duplicate is a second copy with an id of its own")
    func duplicate() {
        let copy = TraceEvent(time: 1, kind: .duplicate, source: .leader(0), destination: .acceptor(0), messageID: 1, message: "m")
        let flow = MessageFlow(transcript([[send(0), copy, deliver(1), deliver(0)]]))
        #expect(flow.flights[0].map(\.isCopy) == [true, false])
        #expect(flow.flights[0].allSatisfy { if case .delivered = $0.end { true } else { false } })
    }

    @Test("a delivery whose send is not in the transcript starts nowhere known")
    func unmatched() {
        let flow = MessageFlow(transcript([[send(5, "n"), deliver(0)]]))
        #expect(flow.flights[0].map(\.start) == [.unknown, .sent(EventPosition(part: 0, step: 0, event: 0))])
    }

    @Test("each fork outcome starts with the copies pending at the fork")
    func forks() {
        let drop = TraceEvent(time: 2, kind: .drop, source: .leader(0), destination: .acceptor(0), messageID: 0, message: "m", reason: .loss)
        let flow = MessageFlow(transcript([[send(0)], [deliver(0)], [drop]], forks: [nil, 0, 0]))
        #expect(flow.flights[0].map(\.end) == [.inFlight])
        #expect(flow.flights[1].map(\.start) == [.inherited])
        #expect(flow.flights[2].map(\.start) == [.inherited])
        #expect(flow.flights[2].map(\.end) == [.dropped(EventPosition(part: 2, step: 0, event: 0), reason: .loss)])
    }
}

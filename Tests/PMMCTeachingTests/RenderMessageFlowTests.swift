import Testing
import PMMC
import PMMCSimulation
@testable import PMMCTeaching

@Suite("Message pairing")
struct RenderMessageFlowTests {
    private func transcript(_ parts: [[TraceEvent]], forks: [Int?]? = nil) -> Transcript {
        Transcript(title: "flow", lanes: [.leader(0), .acceptor(0)], parts: parts.enumerated().map { index, events in
            Transcript.Part(forksFrom: forks?[index], steps: [Transcript.Step(number: index + 1, narration: "", events: events)])
        })
    }

    private let send = TraceEvent(time: 1, kind: .send, source: .leader(0), destination: .acceptor(0), message: "m")
    private let deliver = TraceEvent(time: 2, kind: .deliver, source: .leader(0), destination: .acceptor(0), message: "m")

    @Test("first in, first out: a delivery takes the oldest matching send")
    func fifo() {
        let flow = MessageFlow(transcript([[send, send, deliver]]))
        #expect(flow.flights[0].map(\.start) == [.sent(EventPosition(part: 0, step: 0, event: 0)),
                                                 .sent(EventPosition(part: 0, step: 0, event: 1))])
        #expect(flow.flights[0].map(\.end) == [.delivered(EventPosition(part: 0, step: 0, event: 2), ignored: false),
                                               .inFlight])
    }

    @Test("a duplicate is a second copy, delivered after the original")
    func duplicate() {
        let copy = TraceEvent(time: 1, kind: .duplicate, source: .leader(0), destination: .acceptor(0), message: "m")
        let flow = MessageFlow(transcript([[send, copy, deliver, deliver]]))
        #expect(flow.flights[0].map(\.isCopy) == [false, true])
        #expect(flow.flights[0].allSatisfy { if case .delivered = $0.end { true } else { false } })
    }

    @Test("a delivery with no send starts nowhere known; other messages do not match")
    func unmatched() {
        let other = TraceEvent(time: 1, kind: .send, source: .leader(0), destination: .acceptor(0), message: "n")
        let flow = MessageFlow(transcript([[other, deliver]]))
        #expect(flow.flights[0].map(\.start) == [.unknown, .sent(EventPosition(part: 0, step: 0, event: 0))])
    }

    @Test("each fork outcome starts with the copies pending at the fork")
    func forks() {
        let drop = TraceEvent(time: 2, kind: .drop, source: .leader(0), destination: .acceptor(0), message: "m", detail: "loss")
        let flow = MessageFlow(transcript([[send], [deliver], [drop]], forks: [nil, 0, 0]))
        #expect(flow.flights[0].map(\.end) == [.inFlight])
        #expect(flow.flights[1].map(\.start) == [.inherited])
        #expect(flow.flights[2].map(\.start) == [.inherited])
        #expect(flow.flights[2].map(\.end) == [.dropped(EventPosition(part: 2, step: 0, event: 0), reason: "loss")])
    }
}

import PMMCStudio
import Testing

@Suite struct StudioRequestTests {
    func parse(_ text: String) throws(StudioError) -> StudioRequest.Parse {
        try StudioRequest.parse(Array(text.utf8))
    }

    func status(_ text: String) -> Int? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.status
        }
    }

    @Test func aCompleteRequestWithABody() throws {
        let parsed = try parse("POST /api/move?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\n{}\r\n")
        #expect(parsed == .complete(StudioRequest(method: "POST", path: "/api/move", body: Array("{}\r\n".utf8))))
    }

    @Test func partsOfARequestNeedMore() throws {
        #expect(try parse("GET / HTTP/1.1\r\nHost: x") == .needMore)
        #expect(try parse("POST /api/move HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}") == .needMore)
    }

    @Test func malformedOrOversizedRequestsAreRefusedWithTheirStatus() {
        #expect(status("GET / HTTP/1.1 extra\r\n\r\n") == 400)
        #expect(status("get / HTTP/1.1\r\n\r\n") == 400)
        #expect(status("GET nowhere HTTP/1.1\r\n\r\n") == 400)
        #expect(status("GET / HTTP/2\r\n\r\n") == 505)
        #expect(status("GET / HTTP/1.1\r\nno colon\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nContent-Length: \(StudioRequest.Limits.body + 1)\r\n\r\n") == 413)
        #expect(status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == 501)
        #expect(status("GET /" + String(repeating: "a", count: StudioRequest.Limits.requestLine) + " HTTP/1.1\r\n\r\n") == 414)
        #expect(status("GET /" + String(repeating: "a", count: StudioRequest.Limits.requestLine)) == 414, "even before the line ends")
        let header = "X-Filler: " + String(repeating: "b", count: 500) + "\r\n"
        #expect(status("GET / HTTP/1.1\r\n" + String(repeating: header, count: 20)) == 431)
        #expect(status("GET / HTTP/1.1\r\n" + String(repeating: header, count: 20) + "\r\n") == 431)
    }
}

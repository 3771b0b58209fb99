import Foundation
import PMMCStudio
import Testing

@Suite struct StudioRouterTests {
    let router: StudioRouter

    init() throws {
        router = try StudioRouter(scenario: .walkthrough(name: "acceptors", part: 0))
    }

    func request(_ method: String, _ path: String, _ body: String = "") -> StudioResponse {
        router.respond(to: StudioRequest(method: method, path: path, body: Array(body.utf8)))
    }

    func error(_ response: StudioResponse) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])?["error"]
    }

    @Test func thePageAndTheStateAreServed() throws {
        let page = request("GET", "/")
        #expect(page.status == 200 && page.contentType.hasPrefix("text/html"))
        #expect(String(decoding: page.body, as: UTF8.self).contains("<script>"))
        #expect(!String(decoding: page.body, as: UTF8.self).contains("http://"), "nothing is loaded from elsewhere")
        let state = request("GET", "/api/state")
        #expect(state.status == 200 && state.contentType == "application/json")
        let view = try JSONDecoder().decode(SessionView.self, from: Data(state.body))
        #expect(view.scenario == "walk-through acceptors" && view.entries.count == 4)
    }

    @Test func movesAnswerWithTheNewState() throws {
        let response = request("POST", "/api/move", #"{"move":"forward"}"#)
        #expect(response.status == 200)
        let view = try JSONDecoder().decode(SessionView.self, from: Data(response.body))
        #expect(view.position == 1)
        #expect(view.processes.first { $0.id == "a0" }?.changed == true)
    }

    @Test func badRequestsGetAClearErrorAndA4xxStatus() {
        let cases: [(String, String, String, Int, String)] = [
            ("GET", "/nowhere", "", 404, "no route GET /nowhere"),
            ("DELETE", "/api/state", "", 405, "DELETE /api/state is not allowed; use GET"),
            ("GET", "/api/move", "", 405, "GET /api/move is not allowed; use POST"),
            ("POST", "/api/move", "{not json", 400, "the body must be a JSON object"),
            ("POST", "/api/move", "[1]", 400, "the body must be a JSON object"),
            ("POST", "/api/move", #"{"move":"deliver","event":"x"}"#, 400, "\"event\" has the wrong type"),
            ("POST", "/api/move", #"{"move":"deliver","event":4242}"#, 404, "no pending event #4242; it may have been handled already"),
            ("POST", "/api/move", #"{"move":"deliver"}"#, 400, "deliver needs an \"event\" id"),
            ("POST", "/api/move", #"{"move":"teleport"}"#, 400, "unknown move 'teleport'"),
            ("POST", "/api/move", #"{"move":"crash","process":"l0/s1"}"#, 400, "crash needs a \"process\" such as a1, l0, r0 or c0"),
            ("POST", "/api/move", #"{"move":"restart"}"#, 400, "restart needs a \"process\" such as a1, l0, r0 or c0"),
            ("POST", "/api/move", #"{"move":"restart","process":"a0"}"#, 409, "a0 is not crashed; only a crashed process can restart"),
            ("POST", "/api/move", #"{"move":"restart","process":"a9"}"#, 404, "no process a9 in this simulation"),
            ("POST", "/api/move", #"{"move":"run","ticks":0}"#, 400, "ticks must be from 1 to 10000, got 0"),
            ("POST", "/api/open", #"{"walkthrough":"nosuch"}"#, 404, "unknown walk-through 'nosuch'"),
            ("POST", "/api/open", #"{"walkthrough":"acceptors","part":3}"#, 404, "walk-through acceptors has no part 4 to start from"),
            ("POST", "/api/open", #"{"cluster":{"acceptors":12}}"#, 400, "acceptors must be from 1 to 9, got 12"),
            ("POST", "/api/open", #"{"cluster":{"machine":"sql"}}"#, 400, "unknown machine 'sql'; use labels or kv"),
        ]
        for (method, path, body, status, message) in cases {
            let response = request(method, path, body)
            #expect(response.status == status, "\(method) \(path) \(body)")
            #expect(error(response) == message)
        }
        #expect(request("GET", "/api/state").status == 200, "the session is still there")
    }

    @Test func aCrashAndARestartAreMoves() throws {
        #expect(request("POST", "/api/move", #"{"move":"crash","process":"a0"}"#).status == 200)
        let response = request("POST", "/api/move", #"{"move":"restart","process":"a0"}"#)
        #expect(response.status == 200)
        let view = try JSONDecoder().decode(SessionView.self, from: Data(response.body))
        #expect(view.entries.suffix(2).map(\.label) == ["crash a0", "restart a0"])
        #expect(view.processes.first { $0.id == "a0" }?.crashed == false)
    }

    @Test func exportsAreDownloads() {
        let test = request("GET", "/api/export/test")
        #expect(test.fileName == "StudioSessionTests.swift" && String(decoding: test.body, as: UTF8.self).contains("@Test func studioSession()"))
        let trace = request("GET", "/api/export/trace")
        #expect(trace.fileName == "studio.jsonl" && String(decoding: trace.serialized, as: UTF8.self).contains("Content-Disposition: attachment"))
    }

    @Test func openingAClusterReplacesTheSession() throws {
        let response = request("POST", "/api/open", #"{"cluster":{"replicas":1,"leaders":1,"acceptors":3,"clients":2,"machine":"kv"}}"#)
        #expect(response.status == 200)
        let view = try JSONDecoder().decode(SessionView.self, from: Data(response.body))
        #expect(view.clients == 2 && view.operationExample == "put k1 v1")
        #expect(view.pending.map(\.kind) == ["start"])
    }
}

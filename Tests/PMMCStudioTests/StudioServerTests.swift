#if canImport(Glibc)
import Glibc
#endif
import PMMCStudio
import Testing

/// A round trip over the loopback interface on one thread: the client connects and sends
/// (the kernel queues both), then the server answers that one connection, then the client
/// reads.
@Suite struct StudioServerTests {
    func roundTrip(_ request: String, on server: StudioServer, _ router: StudioRouter) throws -> String {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(server.port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let bytes = Array(request.utf8)
        #expect(bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) } == bytes.count)
        shutdown(client, Int32(SHUT_WR))
        #expect(server.answerNext(router, waitingMilliseconds: 60_000))
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            response += chunk[..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test func listensOnLoopbackAndAnswersOverHTTP() throws {
        let server = try StudioServer(port: 0)
        #expect(server.port > 0 && server.url == "http://127.0.0.1:\(server.port)/")
        let router = try StudioRouter(scenario: .walkthrough(name: "acceptors", part: 0))
        let state = try roundTrip("GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", on: server, router)
        #expect(state.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"))
        #expect(state.contains("\"scenario\":\"walk-through acceptors\""))
        let bad = try roundTrip("POST /api/move HTTP/1.1\r\nContent-Length: 5\r\n\r\n{oops", on: server, router)
        #expect(bad.hasPrefix("HTTP/1.1 400 Bad Request\r\n") && bad.hasSuffix("{\"error\":\"the body must be a JSON object\"}"))
        let huge = try roundTrip("GET /" + String(repeating: "x", count: 5000) + " HTTP/1.1\r\n\r\n", on: server, router)
        #expect(huge.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"))
        let body = String(repeating: "y", count: 40_000)
        let tooLarge = try roundTrip("POST /api/move HTTP/1.1\r\nContent-Length: 100000\r\n\r\n" + body, on: server, router)
        #expect(tooLarge.hasPrefix("HTTP/1.1 413 Content Too Large\r\n"), "the answer arrives although the body was not read")
    }

    @Test func aPortOutOfRangeIsRefused() {
        #expect(throws: StudioServerError.self) { try StudioServer(port: 70_000) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on the loopback interface (127.0.0.1 only), one connection at a
/// time, each closed after its response. Requests are parsed by ``StudioRequest/parse(_:)``
/// and answered by a ``StudioRouter``; a connection that sends nothing complete within two
/// seconds gets a 408.
public final class StudioServer {
    /// The port listened on (the one the system picked, when 0 was asked for).
    public let port: Int
    private let socketDescriptor: Int32

    /// Listens on 127.0.0.1:`port`; port 0 picks a free one.
    public init(port: Int) throws(StudioServerError) {
        guard (0...65535).contains(port) else { throw StudioServerError("port must be from 0 to 65535, got \(port)") }
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw StudioServerError("cannot open a socket: \(Self.lastError())") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            let reason = Self.lastError()
            close(descriptor)
            throw StudioServerError("cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        socketDescriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(socketDescriptor)
    }

    /// The page's address, e.g. `http://127.0.0.1:8080/`.
    public var url: String { "http://127.0.0.1:\(port)/" }

    /// Answers connections with `router` until `shouldStop` returns true (checked at least
    /// every quarter second).
    public func serve(_ router: StudioRouter, until shouldStop: () -> Bool) {
        while !shouldStop() {
            answerNext(router, waitingMilliseconds: 250)
        }
    }

    /// Answers the next connection with `router`, if one arrives within `milliseconds`;
    /// returns whether one did.
    @discardableResult
    public func answerNext(_ router: StudioRouter, waitingMilliseconds milliseconds: Int32) -> Bool {
        guard wait(for: socketDescriptor, milliseconds: milliseconds) else { return false }
        let connection = accept(socketDescriptor, nil, nil)
        guard connection >= 0 else { return false }
        answer(connection, router)
        close(connection)
        return true
    }

    private func answer(_ connection: Int32, _ router: StudioRouter) {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let response: StudioResponse
        var unread = false
        reading: while true {
            do {
                if case .complete(let request) = try StudioRequest.parse(received) {
                    response = router.respond(to: request)
                    break reading
                }
            } catch {
                response = .error(error)
                unread = true
                break reading
            }
            guard wait(for: connection, milliseconds: 2000) else {
                response = .error(StudioError(status: 408, "the request did not arrive in time"))
                break reading
            }
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            received += chunk[..<count]
        }
        send(response.serialized, on: connection)
        if unread { drain(connection) }
    }

    /// Reads and discards what the client still sends (the rest of a refused request), for
    /// at most a quarter second and 1 MiB, so that closing does not reset the connection
    /// before the client has read the response.
    private func drain(_ connection: Int32) {
        shutdown(connection, Int32(SHUT_WR))
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var discarded = 0
        while discarded < 1 << 20, wait(for: connection, milliseconds: 250) {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            discarded += count
        }
    }

    private func send(_ bytes: [UInt8], on connection: Int32) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.send(connection, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(connection, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    /// Whether `descriptor` became readable within `milliseconds`.
    private func wait(for descriptor: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// Why the studio's server could not start.
public struct StudioServerError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

@testable import PMMCRuntime
import PMMC
import Testing

/// A test that ran longer than its time limit.
struct TimedOut: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "timed out after \(limit)" }
}

/// How long a runtime test may run before it counts as hung. Each takes a few seconds at most,
/// under ThreadSanitizer too, so this only stops a test that would hang, also on a machine
/// busy with other work; nothing waits for it to pass.
let hangLimit = Duration.seconds(120)

/// Starts a cluster of `options`, runs `body` on it, and always shuts the cluster down, as
/// ``withShutdown(of:limit:_:)`` does.
@discardableResult
func withCluster<T: Sendable>(
    _ options: ClusterOptions = ClusterOptions(), limit: Duration = hangLimit,
    _ body: @escaping @Sendable (Cluster<KeyValueStore>) async throws -> T
) async throws -> T {
    try await withShutdown(of: Cluster<KeyValueStore>(options: options), limit: limit, body)
}

/// What ``withShutdown(of:limit:_:)`` shuts down: a cluster, or a bare message bus.
protocol ShutsDown: Sendable {
    func shutdown() async
}

extension Cluster: ShutsDown {}
extension MessageBus: ShutsDown {}

/// Runs `body` on `subject` and always shuts `subject` down: when `body` returns, when it
/// throws, and when `limit` passes first. At the limit `body` is cancelled, and the shutdown
/// fails the client calls it may wait on and ends its event streams, so it cannot keep the
/// test waiting; the test then throws ``TimedOut``.
@discardableResult
func withShutdown<Subject: ShutsDown, T: Sendable>(
    of subject: Subject, limit: Duration = hangLimit, _ body: @escaping @Sendable (Subject) async throws -> T
) async throws -> T {
    let outcome = await withTaskGroup(of: Result<T, any Error>?.self) { group in
        group.addTask {
            do {
                return .success(try await body(subject))
            } catch {
                return .failure(error)
            }
        }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        await subject.shutdown()
        return first ?? .failure(TimedOut(limit: limit))
    }
    return try outcome.get()
}

/// Waits until `events` yields an event for which `done` returns true (it may keep state
/// across calls). Throws if the stream ends first.
func waitFor(
    _ events: AsyncStream<RuntimeEvent<KeyValueStore>>, _ done: (RuntimeEvent<KeyValueStore>) -> Bool
) async throws {
    for await event in events where done(event) {
        return
    }
    throw StreamEnded()
}

struct StreamEnded: Error {}

/// Key-value operations whose written values are unique tokens such as `[c1.7]`, so a check
/// can tell which writes took effect and how often. Appends go to keys `a0` and `a1`, which
/// are never overwritten, so every completed append must show there exactly once.
enum Workload {
    static func operation(client: Int, number: Int) -> KeyValueStore.Operation {
        let token = "[c\(client).\(number)]"
        switch (client + number) % 4 {
        case 0, 1: return .append(key: "a\(number % 2)", value: token)
        case 2: return .get(key: ["a0", "a1", "p0"][number % 3])
        default: return .put(key: "p\(number % 2)", value: token)
        }
    }

    /// Has every client run operations `numbers` one after another, all clients at once.
    static func run(_ clients: [ClientHandle<KeyValueStore>], _ numbers: Range<Int>) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, client) in clients.enumerated() {
                group.addTask {
                    for number in numbers {
                        _ = try await client.submit(operation(client: index, number: number))
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// The properties every scenario must keep: replicas' logs agree on their common prefix,
/// every call returned, each call's output is what replaying the decided log gives at its
/// slot, each replica's state is its log replayed, and every append took effect exactly once.
func checkProperties(
    _ cluster: Cluster<KeyValueStore>, _ clients: [ClientHandle<KeyValueStore>],
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let replicas = await cluster.replicas()
    let longest = try #require(replicas.max { $0.log.count < $1.log.count }, sourceLocation: sourceLocation)
    for replica in replicas {
        #expect(Array(longest.log.prefix(replica.log.count)) == replica.log, "\(replica.id)'s log disagrees",
                sourceLocation: sourceLocation)
        #expect(replica.state == replay(replica.log).state, "\(replica.id)'s state is not its log replayed",
                sourceLocation: sourceLocation)
    }
    let (state, outputs) = replay(longest.log)
    var records: [OperationRecord<KeyValueStore>] = []
    for client in clients {
        records += await client.history()
    }
    #expect(!records.isEmpty, sourceLocation: sourceLocation)
    for record in records {
        #expect(record.isComplete, "\(record.client)#\(record.requestID) never returned", sourceLocation: sourceLocation)
        guard case .operation(let operation) = record.body else { continue }
        let performed = outputs[Request(client: record.client, requestID: record.requestID)]
        #expect(performed != nil, "\(record.client)#\(record.requestID) is not in the log", sourceLocation: sourceLocation)
        #expect(record.output == performed, "\(record.client)#\(record.requestID) \(operation) returned \(record.output ?? "-") but the log gives \(performed ?? "-")",
                sourceLocation: sourceLocation)
        if case .append(let key, let token) = operation {
            let count = state.storage[key, default: ""].ranges(of: token).count
            #expect(count == 1, "\(token) appears \(count) times in \(key)", sourceLocation: sourceLocation)
        }
    }
}

struct Request: Hashable {
    let client: ProcessID
    let requestID: Int
}

/// `log` applied in order, each request only the first time it appears (as replicas do),
/// and the output each request got.
func replay(_ log: [Command<KeyValueStore>]) -> (state: KeyValueStore, outputs: [Request: String]) {
    var state = KeyValueStore()
    var outputs: [Request: String] = [:]
    for command in log.flatMap(\.unbatched) {
        guard case .operation(let operation) = command.body else { continue }
        let request = Request(client: command.client, requestID: command.requestID)
        if outputs[request] == nil {
            outputs[request] = state.apply(operation)
        }
    }
    return (state, outputs)
}

/// The index of the first leader that is active, if any.
func activeLeader(_ cluster: Cluster<KeyValueStore>, among indices: Range<Int>) async -> Int? {
    for index in indices {
        if await cluster.leader(index)?.active == true { return index }
    }
    return nil
}

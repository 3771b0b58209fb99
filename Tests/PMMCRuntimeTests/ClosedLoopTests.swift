import PMMC
import PMMCRuntime
import Testing

@Suite("Closed loops of calls")
struct ClosedLoopTests {
    @Test("a closed loop sends its operations one at a time, in order, and returns their outputs in order")
    func outputsInOrder() async throws {
        try await withCluster { cluster in
            let client = try cluster.makeClient()
            let other = try cluster.makeClient()
            async let loop = client.submit(contentsOf: [
                .append(key: "k", value: "1"), .append(key: "k", value: "2"), .get(key: "k"), .append(key: "k", value: "3"),
                .get(key: "k"),
            ])
            async let concurrent: Void = other.put("j", "x")
            let outputs = try await loop
            try await concurrent
            #expect(outputs == ["", "", "12", "", "123"])
            let history = await client.history()
            #expect(history.map(\.requestID) == [1, 2, 3, 4, 5])
            #expect(history.map(\.output) == ["", "", "12", "", "123"])
            for (earlier, later) in zip(history, history.dropFirst()) {
                #expect(try #require(earlier.return) <= later.call)
            }
            #expect(try await client.submit(contentsOf: []) == [])
            #expect(await client.history().count == 5)
            #expect(try await client.get("j") == "x")
        }
    }

    @Test("a cancelled closed loop throws at once and sends no more; its request stays in flight and the next call waits for it")
    func cancellation() async throws {
        try await withCluster { cluster in
            let client = try cluster.makeClient()
            try cluster.partition([[client.id]])
            let loop = Task { try await client.submit(contentsOf: [.put(key: "k", value: "first"), .put(key: "k", value: "second")]) }
            loop.cancel()
            await #expect(throws: CancellationError.self) { try await loop.value }
            cluster.heal()
            #expect(try await client.get("k") == "first")
            let history = await client.history()
            #expect(history.map(\.body) == [.operation(.put(key: "k", value: "first")), .operation(.get(key: "k"))])
            #expect(history.map(\.isComplete) == [true, true])
        }
    }

    @Test("a crashed client's closed loop fails")
    func crash() async throws {
        try await withCluster { cluster in
            let client = try cluster.makeClient()
            try cluster.partition([[client.id]])
            let events = cluster.events()
            let loop = Task { try await client.submit(contentsOf: [.put(key: "k", value: "v"), .get(key: "k")]) }
            try await waitFor(events) { event in
                if case .dropped(let envelope, _, .partition) = event { envelope.source == client.id } else { false }
            }
            try cluster.crash(client.id)
            await #expect(throws: RuntimeError.crashed(client.id)) { try await loop.value }
            #expect(await client.history().count == 1)
        }
    }
}

@testable import PMMCRuntime
import PMMC
import Testing

private struct Thrown: Error {}

@Suite("test support")
struct SupportTests {
    @Test("withCluster shuts the cluster down when its body throws, and when the body outlasts the limit")
    func withClusterAlwaysShutsDown() async throws {
        let seen = Locked<Cluster<KeyValueStore>?>(nil)
        await #expect(throws: Thrown.self) {
            try await withCluster { cluster in
                seen.withLock { $0 = cluster }
                throw Thrown()
            }
        }
        let thrownFrom = try #require(seen.withLock { $0 })
        #expect(thrownFrom.runningTasks == 0)
        #expect(throws: RuntimeError.shutDown) { try thrownFrom.makeClient() }

        // A client cut off from every replica is never answered: only the limit ends the body.
        await #expect(throws: TimedOut.self) {
            try await withCluster(limit: .milliseconds(100)) { cluster in
                seen.withLock { $0 = cluster }
                let client = try cluster.makeClient()
                try cluster.partition([[client.id]])
                try await client.put("k", "never answered")
            }
        }
        let timedOut = try #require(seen.withLock { $0 })
        #expect(timedOut !== thrownFrom)
        #expect(timedOut.runningTasks == 0)
        #expect(throws: RuntimeError.shutDown) { try timedOut.makeClient() }
    }
}

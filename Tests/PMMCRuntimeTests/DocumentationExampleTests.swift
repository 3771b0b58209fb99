import PMMC
import PMMCRuntime
import Testing

/// The example at the top of Docs/Runtime.md, as documented, except that the cluster comes
/// from ``withCluster(_:limit:_:)``, which shuts it down also when a step fails or hangs.
@Test("the example of Docs/Runtime.md runs")
func runtimeDocumentationExample() async throws {
    let options = ClusterOptions(
        replicas: 2, leaders: 2, acceptors: 3,                // f = 1
        settings: Settings(window: 5),                          // WINDOW, retransmission, failure detection
        tick: .milliseconds(1),                                 // one tick of Settings, in real time
        faults: NetworkFaults(lossRate: 0.05, extraDelay: 0...2))
    try await withCluster(options) { cluster in
        let events = cluster.events()                           // AsyncStream<RuntimeEvent<KeyValueStore>>

        let alice = try cluster.makeClient()                    // c0
        let bob = try cluster.makeClient()                      // c1
        async let first: Void = alice.put("k", "v")             // handles run concurrently;
        async let second: Void = bob.append("k", "+")           // calls on one handle run in turn
        _ = try await (first, second)

        try cluster.crash(.leader(1))                           // l1 and its scouts and commanders stop
        try cluster.partition([[.leader(0), .acceptor(0)]])     // that group vs. the rest
        cluster.heal()
        let value = try await alice.get("k")                    // "v+", or "v" if the append came first

        for replica in await cluster.replicas() {
            print(replica.id, replica.log)                      // the role values themselves
        }
        for await event in events {
            if case .applied(let replica, let slot, let command) = event {
                print(replica, slot, command)
                break
            }
        }
        await cluster.shutdown()                                // every task finished, every actor released

        #expect(["v+", "v"].contains(value))
        #expect(cluster.runningTasks == 0)
    }
}

@testable import PMMCRuntime
import PMMC
import Testing

@Suite("cluster API")
struct ClusterTests {
    @Test("bad options and unknown processes throw errors that name the problem")
    func badInput() async throws {
        #expect(throws: RuntimeError.invalidOption("acceptors must be at least 1, got 0")) {
            try Cluster<KeyValueStore>(options: ClusterOptions(acceptors: 0))
        }
        #expect(throws: RuntimeError.invalidOption("loss rate must be in [0, 1), got 1.0")) {
            try Cluster<KeyValueStore>(options: ClusterOptions(faults: NetworkFaults(lossRate: 1)))
        }
        #expect(throws: RuntimeError.invalidOption("the tick must be longer than zero, got 0.0 seconds")) {
            try Cluster<KeyValueStore>(options: ClusterOptions(tick: .zero))
        }
        try await withCluster { cluster in
            #expect(throws: RuntimeError.unknownProcess(.replica(7))) { try cluster.crash(.replica(7)) }
            #expect(throws: RuntimeError.unknownProcess(.acceptor(3))) { try cluster.partition([[.acceptor(3)]]) }
            #expect(throws: RuntimeError.unknownProcess(.scout(leader: 0, number: 1))) {
                try cluster.partition([[.scout(leader: 0, number: 1)]])
            }
            let client = try cluster.makeClient()
            await #expect(throws: RuntimeError.configuration(.empty(role: "acceptor"))) {
                try await cluster.reconfigure(leaders: 1, acceptors: 0, using: client)
            }
            #expect(RuntimeError.unknownProcess(.replica(7)).description == "no process r7 in this cluster")
            await cluster.shutdown()
            #expect(throws: RuntimeError.shutDown) { try cluster.makeClient() }
            await #expect(throws: RuntimeError.shutDown) { try await client.put("k", "v") }
        }
    }

    @Test("a process cannot start under the id of a live or crashed one; a batch with such an id starts none")
    func takenIdsAreRefused() async throws {
        try await withCluster { cluster in
            let live = try #require(cluster.bus.actor(.acceptor(0)))
            let hosts = cluster.hosts
            #expect(throws: RuntimeError.processExists(.acceptor(0))) {
                try cluster.bus.start([.acceptor(Acceptor(id: .acceptor(5))), .acceptor(Acceptor(id: .acceptor(0)))])
            }
            #expect(cluster.bus.actor(.acceptor(0)) === live)
            #expect(cluster.hosts == hosts)
            #expect(throws: RuntimeError.processExists(.acceptor(6))) {
                try cluster.bus.start([.acceptor(Acceptor(id: .acceptor(6))), .acceptor(Acceptor(id: .acceptor(6)))])
            }
            try cluster.crash(.acceptor(1))
            #expect(throws: RuntimeError.processExists(.acceptor(1))) {
                try cluster.bus.start([.acceptor(Acceptor(id: .acceptor(1)))])
            }
            #expect(cluster.hosts == hosts)
            #expect(RuntimeError.processExists(.acceptor(1)).description == "process a1 already exists in this cluster")
            let client = try cluster.makeClient()
            try await client.put("k", "v")
            #expect(try await client.get("k") == "v")
        }
    }

    @Test("shutdown stops every task and releases every actor, scouts and commanders included")
    func shutdownLeavesNothing() async throws {
        try await withCluster { cluster in
            let events = cluster.events()
            do {
                let clients = try (0..<2).map { _ in try cluster.makeClient() }
                try await Workload.run(clients, 0..<10)
            }
            #expect(cluster.statistics.commandersSpawned >= 20)
            let actors = cluster.hosts.compactMap { cluster.bus.actor($0) }.map(WeakActor.init)
            #expect(actors.count == 9)
            await cluster.shutdown()
            #expect(cluster.runningTasks == 0)
            #expect(cluster.bus.liveActors == 0)
            #expect(actors.allSatisfy { $0.actor == nil })
            for await _ in events {}
        }
    }

    @Test("scouts and commanders run inside their leader's actor: spawning one starts no task")
    func childrenAreHosted() async throws {
        try await withCluster { cluster in
            let events = cluster.events()
            // The most tasks running whenever a child was spawned, and how many were.
            let watcher = Task {
                var (most, spawned) = (0, 0)
                for await case .spawned in events {
                    most = max(most, cluster.runningTasks)
                    spawned += 1
                }
                return (most, spawned)
            }
            let clients = try (0..<2).map { _ in try cluster.makeClient() }
            try await Workload.run(clients, 0..<10)
            await cluster.shutdown()
            let (most, spawned) = await watcher.value
            #expect(spawned >= cluster.statistics.commandersSpawned)
            #expect(spawned >= 20)
            // Two replicas, two leaders, three acceptors, two clients and the timer loop.
            #expect(most <= 10)
        }
    }

    @Test("a cluster dropped without shutdown stops its tasks, and its bus and every actor are freed")
    func droppedClusterIsFreed() async throws {
        let (bus, actors) = try await dropClusterAfterWork()
        let deadline = ContinuousClock.now + hangLimit
        while bus.bus != nil || actors.contains(where: { $0.actor != nil }) {
            guard ContinuousClock.now < deadline else {
                Issue.record("the bus or an actor is still alive after \(hangLimit)")
                return
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test("a handle runs its calls one at a time, in the order made; handles run concurrently")
    func callsSerialisePerHandle() async throws {
        try await withCluster { cluster in
            let first = try cluster.makeClient()
            let second = try cluster.makeClient()
            async let a: Void = first.append("k", "1")
            async let b: Void = first.append("k", "2")
            async let c: Void = second.append("j", "x")
            _ = try await (a, b, c)
            try await first.append("k", "3")
            let history = await first.history()
            #expect(history.map(\.requestID) == [1, 2, 3])
            for (earlier, later) in zip(history, history.dropFirst()) {
                #expect(try #require(earlier.return) <= later.call)
            }
            let value = try await first.get("k")
            #expect(["123", "213"].contains(value))
        }
    }

    @Test("a cancelled call throws at once; its request stays in flight and the next call waits for it")
    func cancellation() async throws {
        try await withCluster { cluster in
            let client = try cluster.makeClient()
            try cluster.partition([[client.id]])
            let call = Task { try await client.put("k", "lost") }
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
            cluster.heal()
            let value = try await client.get("k")
            #expect(value == "lost")
            #expect(await client.history().map(\.isComplete) == [true, true])
        }
    }

    @Test("a caller cancelled before it calls throws; its request is still sent, as when cancelled later")
    func cancelledBeforeCalling() async throws {
        try await withCluster { cluster in
            let client = try cluster.makeClient()
            let call = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await client.put("k", "early")
            }
            await #expect(throws: CancellationError.self) { try await call.value }
            #expect(try await client.get("k") == "early")
        }
    }

    @Test("a crashed client's calls fail")
    func clientCrash() async throws {
        try await withCluster { cluster in
            let client = try cluster.makeClient()
            try cluster.partition([[client.id]])
            let pending = Task { try await client.put("k", "v") }
            let events = cluster.events()
            try await waitFor(events) { event in
                if case .dropped(let envelope, _, .partition) = event { envelope.source == client.id } else { false }
            }
            try cluster.crash(client.id)
            await #expect(throws: RuntimeError.crashed(client.id)) { try await pending.value }
            await #expect(throws: RuntimeError.crashed(client.id)) { try await client.get("k") }
        }
    }

    @Test("the event stream shows a request, its decision applied at each replica, and the response, in order")
    func events() async throws {
        try await withCluster { cluster in
            let client = try cluster.makeClient()
            let events = cluster.events()
            try await client.put("k", "v")
            var seen: [String] = []
            var applied = 0
            var completed = false
            try await waitFor(events) { event in
                switch event {
                case .sent(let envelope, _) where envelope.source == client.id:
                    seen.append("request to \(envelope.destination)")
                case .completed(let id, let requestID, let output):
                    seen.append("completed \(id)#\(requestID) \(output ?? "-")")
                    completed = true
                case .applied(let replica, let slot, let command) where command.client == client.id:
                    seen.append("applied \(slot) at \(replica)")
                    applied += 1
                default:
                    break
                }
                return applied == 2 && completed
            }
            // c0 sends its request to r0 first: then to r1 as well (Settings.broadcastRequests,
            // the default), or to r1 only in a retransmission, later, if the machine is slow.
            #expect(seen.first == "request to r0")
            #expect(seen.contains("completed c0#1 "))
            #expect(seen.contains("applied 1 at r0") && seen.contains("applied 1 at r1"))
        }
    }
}

/// A weak reference to an actor, to see whether it was released.
struct WeakActor {
    weak var actor: ProcessActor<KeyValueStore>?
}

/// A weak reference to a bus, to see whether it was released.
struct WeakBus {
    weak var bus: MessageBus<KeyValueStore>?
}

/// Runs a workload on a cluster, then drops the cluster without shutting it down (the one test
/// that does not use ``withCluster(_:limit:_:)``). Returns weak references to its bus and to
/// its replicas, leaders, acceptors and clients.
private func dropClusterAfterWork() async throws -> (WeakBus, [WeakActor]) {
    let cluster = try Cluster<KeyValueStore>()
    let clients = try (0..<2).map { _ in try cluster.makeClient() }
    try await Workload.run(clients, 0..<10)
    let actors = cluster.hosts.compactMap { cluster.bus.actor($0) }.map(WeakActor.init)
    #expect(actors.count == 9)
    return (WeakBus(bus: cluster.bus), actors)
}

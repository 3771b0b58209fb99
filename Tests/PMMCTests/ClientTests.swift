import Testing
@testable import PMMC

/// The client: broadcast (paper) or send to one replica, retransmit to every replica until
/// answered, take the first response.
@Suite("Client")
struct ClientTests {
    func makeClient() -> Client<KV> {
        Client(id: c1, replicas: replicas(2), settings: Settings(requestRetransmit: 200, adaptiveRetransmission: nil, broadcastRequests: true))
    }

    @Test("without broadcastRequests a new request goes to one replica, a retransmission to every one, and the next request to the replica that answered first")
    func oneReplicaPerRequest() {
        let settings = Settings(requestRetransmit: 200, adaptiveRetransmission: nil, broadcastRequests: false)
        var client = Client<KV>(id: .client(3), replicas: replicas(2), settings: settings)
        #expect(client.preferredReplica == 1, "client 3 of 2 replicas starts at r1")
        var out = Box()
        let first = client.submit(.operation(.get(key: "k")), into: &out)
        #expect(out.sends == [sent(.request(first), to: r1)])
        let again = client.fire(.requestRetransmit(requestID: 1))
        #expect(again.sends == sent(.request(first), to: replicas(2)), "a retransmission goes to every replica")
        client.deliver(.response(requestID: 1, output: ""), from: r0)
        #expect(client.preferredReplica == 0, "r0 answered first")
        client.deliver(.response(requestID: 1, output: ""), from: r1)
        #expect(client.preferredReplica == 0, "a late response to an answered request changes nothing")
        out.removeAll()
        let second = client.submit(.operation(.get(key: "k")), into: &out)
        #expect(out.sends == [sent(.request(second), to: r0)])
        #expect(Client<KV>(id: .client(4), replicas: replicas(3), settings: settings).preferredReplica == 1)
    }

    @Test("a broadcasting client keeps no preferred replica, so its state is the paper client's whoever answers first")
    func broadcastingClientIgnoresWhoAnswered() {
        var byR0 = makeClient()
        var byR1 = makeClient()
        var out = Box()
        byR0.submit(.operation(.get(key: "k")), into: &out)
        byR1.submit(.operation(.get(key: "k")), into: &out)
        byR0.deliver(.response(requestID: 1, output: ""), from: r0)
        byR1.deliver(.response(requestID: 1, output: ""), from: r1)
        #expect(byR0 == byR1, "which replica answered first must not split the explorer's states")
    }

    @Test("submit broadcasts the request to every replica and sets a retransmit timer")
    func submitBroadcasts() {
        var client = makeClient()
        #expect(client.isIdle)
        var out = Box()
        let command = client.submit(.operation(.put(key: "k1", value: "v1")), into: &out)
        #expect(command == put("k1", "v1", client: 1, id: 1))
        #expect(out.sends == sent(.request(command), to: replicas(2)))
        #expect(out.timers == [TimerSet(timer: .requestRetransmit(requestID: 1), after: 200)])
        #expect(!client.isIdle)
        #expect(client.pending == command)
    }

    @Test("the timer resends the pending request and sets itself again")
    func timerResendsWhilePending() {
        var client = makeClient()
        var out = Box()
        let command = client.submit(.operation(.get(key: "k1")), into: &out)
        for round in 1...2 {
            let again = client.fire(.requestRetransmit(requestID: 1))
            #expect(again.sends == sent(.request(command), to: replicas(2)))
            #expect(again.timers == [TimerSet(timer: .requestRetransmit(requestID: 1), after: 200)])
            #expect(client.retransmissions == round)
        }
    }

    @Test("the first response completes the request; later ones are ignored")
    func firstResponseWins() {
        var client = makeClient()
        var out = Box()
        client.submit(.operation(.get(key: "k1")), into: &out)
        let first = client.deliver(.response(requestID: 1, output: "v1"), from: r1)
        #expect(first.completions == [Completion(requestID: 1, output: "v1")])
        #expect(first.cancelledTimers == [.requestRetransmit(requestID: 1)], "answered: its timer is turned off (RFC 6298 §5.2)")
        #expect(first.sends.isEmpty)
        #expect(client.isIdle)
        let second = client.deliver(.response(requestID: 1, output: "v1"), from: r0)
        #expect(second.effects.isEmpty)
    }

    @Test("a timer the host delivers after the response cancelled it is ignored")
    func timerIgnoredAfterAnswer() {
        var client = makeClient()
        var out = Box()
        client.submit(.operation(.get(key: "k1")), into: &out)
        client.deliver(.response(requestID: 1, output: ""), from: r0)
        #expect(client.fire(.requestRetransmit(requestID: 1)).effects.isEmpty)
        #expect(client.retransmissions == 0)
    }

    @Test("requests are numbered 1, 2, …; each arms its own timer; a late response or timer for an older request is ignored")
    func staleResponsesAndTimers() {
        var client = makeClient()
        var out = Box()
        client.submit(.operation(.put(key: "k", value: "a")), into: &out)
        client.deliver(.response(requestID: 1, output: ""), from: r0)
        out.removeAll()
        let second = client.submit(.operation(.append(key: "k", value: "b")), into: &out)
        #expect(second.requestID == 2)
        #expect(out.timers == [TimerSet(timer: .requestRetransmit(requestID: 2), after: 200)], "a full timeout from its own send")
        #expect(client.deliver(.response(requestID: 1, output: ""), from: r1).effects.isEmpty)
        #expect(client.fire(.requestRetransmit(requestID: 1)).effects.isEmpty)
        #expect(!client.isIdle)
        let again = client.fire(.requestRetransmit(requestID: 2))
        #expect(again.sends == sent(.request(second), to: replicas(2)))
        #expect(again.timers == [TimerSet(timer: .requestRetransmit(requestID: 2), after: 200)])
        #expect(client.retransmissions == 1)
    }

    @Test("a reconfiguration completes with output nil")
    func reconfigurationCompletesWithNil() throws {
        var client = makeClient()
        var out = Box()
        let configuration = try Configuration(replicas: 2, leaders: 1, acceptors: 3, firstLeader: 1, firstAcceptor: 3)
        client.submit(.reconfigure(configuration), into: &out)
        let done = client.deliver(.response(requestID: 1, output: nil), from: r0)
        #expect(done.completions == [Completion(requestID: 1, output: nil)])
    }
}

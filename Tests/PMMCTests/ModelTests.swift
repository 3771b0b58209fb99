import Testing
@testable import PMMC

@Suite("Ballot")
struct BallotTests {
    @Test("ballots order by round first, then by leader")
    func lexicographicOrder() {
        #expect(b(0, 1) < b(1, 0))
        #expect(b(0, 0) < b(0, 1))
        #expect(b(1, 2) < b(2, 0))
        #expect(!(b(1, 0) < b(0, 5)))
        #expect(b(2, 1) > b(2, 0))
        #expect(b(3, 1) == b(3, 1))
        #expect([b(1, 0), b(0, 2), b(0, 1), b(1, 1)].sorted() == [b(0, 1), b(0, 2), b(1, 0), b(1, 1)])
    }

    @Test("⊥ is below every real ballot and equal only to itself", arguments: [b(0, 0), b(0, 1), b(3, 0), b(7, 4)])
    func bottomIsLowest(ballot: Ballot) {
        #expect(Ballot.bottom < ballot)
        #expect(!(ballot < Ballot.bottom))
        #expect(Ballot.bottom != ballot)
        #expect(Ballot.bottom.isBottom)
        #expect(!ballot.isBottom)
    }

    @Test("ballots print as r.λ and ⊥ as _", arguments: [
        (b(0, 1), "0.1"), (b(0, 0), "0.0"), (b(12, 3), "12.3"), (Ballot.bottom, "_"),
    ])
    func notation(ballot: Ballot, text: String) {
        #expect(ballot.description == text)
    }
}

@Suite("ProcessID")
struct ProcessIDTests {
    static let named: [(ProcessID, String)] = [
        (.client(0), "c0"), (.replica(1), "r1"), (.leader(2), "l2"), (.acceptor(10), "a10"),
        (.scout(leader: 0, number: 1), "l0/s1"), (.commander(leader: 0, number: 2), "l0/c2"),
        (.commander(leader: 3, number: 17), "l3/c17"),
    ]

    @Test("description uses the slides' names", arguments: ProcessIDTests.named)
    func description(id: ProcessID, text: String) {
        #expect(id.description == text)
    }

    @Test("parsing the description gives the process back", arguments: ProcessIDTests.named)
    func roundTrip(id: ProcessID, text: String) throws {
        let parsed = try #require(ProcessID(text))
        #expect(parsed == id)
        #expect(ProcessID(id.description) == id)
    }

    @Test("text that is not a process name is rejected", arguments: [
        "x1", "l0/q1", "r-1", "", "r", "1", "l0/", "/s1", "a0/s1", "l0/s1/c2", "l0/a1", "r1x", " r1", "R1", "l-1/s1", "l0/s-1",
    ])
    func rejects(text: String) {
        #expect(ProcessID(text) == nil)
    }

    /// `init?(_:)` promises to parse exactly the notation of `description` and return `nil` for
    /// anything else, so whatever it accepts must print back as the same text.
    @Test("only the canonical spelling parses", arguments: ["r+1", "a01", "l0/s01", "c+0", "l+1/c2"])
    func rejectsNonCanonicalSpelling(text: String) {
        let parsed = ProcessID(text)
        #expect(parsed == nil, "\"\(text)\" parsed as \(parsed.map(\.description) ?? "nil")")
    }

    @Test("scouts and commanders live on their leader")
    func host() {
        #expect(ProcessID.scout(leader: 2, number: 5).host == .leader(2))
        #expect(ProcessID.commander(leader: 1, number: 3).host == .leader(1))
        #expect(ProcessID.acceptor(4).host == .acceptor(4))
        #expect(ProcessID.client(0).host == .client(0))
    }
}

@Suite("Configuration")
struct ConfigurationTests {
    @Test("counts build r0…, l…, a… from the given first indices")
    func builtFromCounts() throws {
        let configuration = try Configuration(replicas: 2, leaders: 2, acceptors: 3, firstLeader: 2, firstAcceptor: 3)
        #expect(configuration.replicas == [r0, r1])
        #expect(configuration.leaders == [.leader(2), .leader(3)])
        #expect(configuration.acceptors == [.acceptor(3), .acceptor(4), .acceptor(5)])
        #expect(configuration.leadersAndAcceptors == "[l2,l3|a3,a4,a5]")
    }

    @Test("an empty role is rejected", arguments: [
        (0, 1, 1, "replica"), (1, 0, 1, "leader"), (1, 1, 0, "acceptor"),
    ])
    func emptyRole(replicaCount: Int, leaderCount: Int, acceptorCount: Int, role: String) {
        #expect(throws: ConfigurationError.empty(role: role)) {
            try Configuration(replicas: replicaCount, leaders: leaderCount, acceptors: acceptorCount)
        }
        #expect(throws: ConfigurationError.empty(role: role)) {
            try Configuration(
                replicas: replicas(replicaCount), leaders: leaders(leaderCount), acceptors: acceptors(acceptorCount))
        }
    }

    @Test("a process of the wrong role is rejected")
    func wrongRole() {
        #expect(throws: ConfigurationError.wrongRole(a0, expected: "leader")) {
            try Configuration(replicas: [r0], leaders: [l0, a0], acceptors: acceptors(3))
        }
        #expect(throws: ConfigurationError.wrongRole(l1, expected: "acceptor")) {
            try Configuration(replicas: [r0], leaders: [l0], acceptors: [a0, l1])
        }
        #expect(throws: ConfigurationError.wrongRole(c0, expected: "replica")) {
            try Configuration(replicas: [c0], leaders: [l0], acceptors: [a0])
        }
    }

    @Test("a process listed twice is rejected")
    func duplicate() {
        #expect(throws: ConfigurationError.duplicate(role: "acceptor")) {
            try Configuration(replicas: [r0], leaders: [l0], acceptors: [a0, a1, a0])
        }
        #expect(throws: ConfigurationError.duplicate(role: "replica")) {
            try Configuration(replicas: [r0, r0], leaders: [l0], acceptors: [a0])
        }
    }

    @Test("n acceptors tolerate ⌊(n−1)/2⌋ failures and need a majority of ⌊n/2⌋+1", arguments: [
        (1, 0, 1), (2, 0, 2), (3, 1, 2), (4, 1, 3), (5, 2, 3), (6, 2, 4),
    ])
    func majority(count: Int, tolerated: Int, majority: Int) throws {
        let configuration = try Configuration(replicas: 1, leaders: 1, acceptors: count)
        #expect(configuration.toleratedFailures == tolerated)
        #expect(configuration.majority == majority)
        // A majority is more than half, and two majorities always share an acceptor.
        #expect(2 * configuration.majority > count)
        #expect(2 * (configuration.majority - 1) <= count)
        // Surviving f failures leaves a majority alive, surviving f + 1 does not.
        #expect(count - configuration.toleratedFailures >= configuration.majority)
        #expect(count - configuration.toleratedFailures - 1 < configuration.majority)
    }
}

@Suite("pmax")
struct PMaxTests {
    @Test("for each slot, the command of the pvalue with the highest ballot wins")
    func highestBallotPerSlot() {
        let pvalues = [
            pv(b(0, 0), 1, put("k1", "v1")),
            pv(b(1, 2), 1, put("k1", "v2")),
            pv(b(0, 1), 1, put("k1", "v3")),
            pv(b(0, 1), 2, app("k2", "x")),
            pv(b(2, 0), 3, get("k3")),
            pv(b(1, 0), 3, put("k3", "y")),
        ]
        #expect(pmax(pvalues) == [1: put("k1", "v2"), 2: app("k2", "x"), 3: get("k3")])
        // The result does not depend on the order the pvalues arrived in.
        #expect(pmax(pvalues.reversed()) == pmax(pvalues))
    }

    @Test("pmax of nothing is empty")
    func empty() {
        #expect(pmax([PV]()).isEmpty)
    }
}

@Suite("KeyValueStore")
struct KeyValueStoreTests {
    @Test("a missing key reads as the empty string")
    func missingKey() {
        var store = KeyValueStore()
        #expect(store.apply(.get(key: "nope")) == "")
        #expect(store.storage.isEmpty)
    }

    @Test("put replaces, append concatenates, get reads; put and append answer \"\"")
    func putGetAppend() {
        var store = KeyValueStore()
        #expect(store.apply(.put(key: "k1", value: "v1")) == "")
        #expect(store.apply(.get(key: "k1")) == "v1")
        #expect(store.apply(.append(key: "k1", value: "v2")) == "")
        #expect(store.apply(.get(key: "k1")) == "v1v2")
        #expect(store.apply(.put(key: "k1", value: "v3")) == "")
        #expect(store.apply(.get(key: "k1")) == "v3")
        #expect(store.apply(.append(key: "k2", value: "x")) == "")
        #expect(store.apply(.get(key: "k2")) == "x")
        #expect(store.storage == ["k1": "v3", "k2": "x"])
    }

    @Test("after equal states apply operations, only the keys they write are compared")
    func equalSinceApplying() {
        var store = KeyValueStore()
        _ = store.apply(.put(key: "a", value: "1"))
        var other = store
        _ = store.apply(.append(key: "a", value: "2"))
        _ = store.apply(.put(key: "b", value: "3"))
        #expect(!store.isEqual(to: other, sinceApplying: [.append(key: "a", value: "2")]))
        #expect(!store.isEqual(to: other, sinceApplying: [.put(key: "b", value: "3")]))
        _ = other.apply(.append(key: "a", value: "2"))
        _ = other.apply(.put(key: "b", value: "3"))
        #expect(store.isEqual(to: other, sinceApplying: [.append(key: "a", value: "2"), .put(key: "b", value: "3")]))
        // A difference no written key shows is not looked for: the states were equal before.
        _ = other.apply(.put(key: "c", value: "4"))
        #expect(store.isEqual(to: other, sinceApplying: [.get(key: "c"), .put(key: "b", value: "3")]))
        #expect(store != other)
    }

    @Test("operations print as in the slides", arguments: [
        (KeyValueStore.Operation.put(key: "k1", value: "v1"), "Put k1 v1"),
        (.get(key: "k2"), "Get k2"),
        (.append(key: "k1", value: "v1"), "App k1 v1"),
    ])
    func notation(operation: KeyValueStore.Operation, text: String) {
        #expect(operation.description == text)
    }
}

@Suite("Message notation")
struct MessageNotationTests {
    static let configuration = try! Configuration(replicas: 2, leaders: 1, acceptors: 3, firstLeader: 1, firstAcceptor: 3)

    @Test("messages print in the slides' notation", arguments: [
        (Msg.p1a(ballot: b(0, 1)), "p1a(0.1)"),
        (.p1b(ballot: b(0, 1), accepted: []), "p1b(0.1, [])"),
        (.p1b(ballot: .bottom, accepted: []), "p1b(_, [])"),
        (.p1b(ballot: b(1, 0), accepted: [pv(b(0, 1), 1, put("k1", "v1")), pv(b(1, 0), 2, app("k1", "v2"))]),
         "p1b(1.0, [<0.1, 1, Put k1 v1>, <1.0, 2, App k1 v2>])"),
        (.p2a(pv(b(0, 1), 1, put("k1", "v1"))), "p2a(<0.1, 1, Put k1 v1>)"),
        (.p2b(ballot: b(0, 1)), "p2b(0.1)"),
        (.decision(slot: 3, command: app("k1", "v1")), "decision(3, App k1 v1)"),
        (.propose(slot: 2, command: get("k2"), retry: false), "propose(2, Get k2)"),
        (.propose(slot: 2, command: get("k2"), retry: true), "propose(2, Get k2) again"),
        (.adopted(ballot: b(0, 1), pvalues: []), "adopted(0.1, [])"),
        (.preempted(ballot: b(2, 0)), "preempted(2.0)"),
        (.request(put("k1", "v1", client: 1, id: 4)), "request(c1#4: Put k1 v1)"),
        (.response(requestID: 4, output: "v1"), "response(#4: \"v1\")"),
        (.response(requestID: 5, output: nil), "response(#5: done)"),
        (.request(reconfig(MessageNotationTests.configuration)), "request(c0#1: Reconfig [l1|a3,a4,a5])"),
        (.decision(slot: 7, command: Command(client: r0, requestID: 1, body: .noop)), "decision(7, Noop)"),
        (.ping, "ping"),
        (.pong, "pong"),
    ])
    func notation(message: Msg, text: String) {
        #expect(message.description == text)
    }

    @Test("each message reports its kind")
    func kinds() {
        #expect(Msg.p2a(pv(b(0, 1), 1, put("k1", "v1"))).kind == .p2a)
        #expect(Msg.decision(slot: 1, command: put("k", "v")).kind == .decision)
        #expect(Msg.pong.kind == .pong)
        #expect(MessageKind.allCases.map(\.description) == [
            "request", "response", "propose", "decision", "p1a", "p1b", "p2a", "p2b", "adopted", "preempted", "ping", "pong",
            "executed", "gc", "catchUp", "snapshot",
        ])
    }
}

@Suite("Settings")
struct SettingsTests {
    @Test("defaults and the paper's settings are valid")
    func defaultsValid() throws {
        try Settings().validate()
        try Settings.paper().validate()
    }

    @Test("WINDOW and every interval must be at least 1; the error names the first that is not")
    func rejectsNonPositive() {
        var settings = Settings()
        settings.window = 0
        #expect(throws: SettingsError(setting: "window", value: 0)) { try settings.validate() }
        settings = Settings()
        settings.phaseRetransmit = -5
        #expect(throws: SettingsError(setting: "phase retransmit", value: -5)) { try settings.validate() }
        settings = Settings(failureDetection: .init(pingInterval: 100, missedPings: 0))
        #expect(throws: SettingsError(setting: "missed pings", value: 0)) { try settings.validate() }
        #expect(SettingsError(setting: "window", value: 0).description == "window must be at least 1, got 0")
    }
}

import Testing
@testable import PMMC

/// The leader of paper figure 7, with retry proposals and failure detection (paper §3).
@Suite("Leader")
struct LeaderTests {
    static let detection = Settings.FailureDetection(pingInterval: 100, missedPings: 3)
    static let watching = Settings(phaseRetransmit: 50, failureDetection: detection, backoff: nil, adaptiveRetransmission: nil)

    func makeLeader(_ settings: Settings = .paper()) -> Leader<KV> {
        Leader(id: l1, acceptors: acceptors(3), replicas: replicas(2), settings: settings)
    }

    /// A started leader whose first scout has been adopted with nothing accepted.
    func activeLeader(_ settings: Settings = .paper()) -> Leader<KV> {
        var leader = makeLeader(settings)
        leader.started()
        leader.deliver(.adopted(ballot: b(0, 1), pvalues: []), from: .scout(leader: 1, number: 1))
        return leader
    }

    /// The pvalues of the commanders spawned, in order.
    func commanded(_ out: Box) -> [PV] { out.commanders.map(\.pvalue) }

    @Test("starts passive at ballot 0.λ and spawns a scout l1/s1 for it")
    func start() throws {
        var leader = makeLeader()
        #expect(leader.ballotNumber == b(0, 1))
        #expect(!leader.active)
        let out = leader.started()
        #expect(out.spawned.count == 1)
        let scout = try #require(out.scouts.first)
        #expect(scout.id == .scout(leader: 1, number: 1))
        #expect(scout.ballot == b(0, 1))
        #expect(scout.leader == l1)
        #expect(scout.acceptors == acceptors(3))
        #expect(out.sends.isEmpty && out.timers.isEmpty)
        #expect(!leader.active)
    }

    @Test("a proposal while passive is recorded but spawns nothing")
    func proposeWhilePassive() {
        var leader = makeLeader()
        leader.started()
        let out = leader.deliver(.propose(slot: 1, command: put("k1", "v1"), retry: false), from: r0)
        #expect(out.effects.isEmpty)
        #expect(leader.proposals == [1: put("k1", "v1")])
        #expect(!leader.active)
    }

    @Test("adopted applies pmax over the proposals, spawns commanders in slot order and becomes active")
    func adoptedSpawnsCommanders() {
        var leader = makeLeader()
        leader.started()
        leader.deliver(.propose(slot: 3, command: put("k3", "mine"), retry: false), from: r0)
        leader.deliver(.propose(slot: 1, command: put("k1", "mine"), retry: false), from: r0)
        leader.deliver(.propose(slot: 2, command: put("k2", "mine"), retry: false), from: r1)
        let pvalues = [
            pv(b(0, 0), 2, put("k2", "old")),
            pv(b(0, 2), 2, put("k2", "newer")),
            pv(b(0, 0), 4, app("k4", "x")),
        ]
        let out = leader.deliver(.adopted(ballot: b(0, 1), pvalues: pvalues), from: .scout(leader: 1, number: 1))
        #expect(leader.active)
        #expect(leader.proposals == [
            1: put("k1", "mine"), 2: put("k2", "newer"), 3: put("k3", "mine"), 4: app("k4", "x"),
        ])
        #expect(commanded(out) == [
            pv(b(0, 1), 1, put("k1", "mine")),
            pv(b(0, 1), 2, put("k2", "newer")),
            pv(b(0, 1), 3, put("k3", "mine")),
            pv(b(0, 1), 4, app("k4", "x")),
        ])
        #expect(out.commanders.map(\.id.description) == ["l1/c2", "l1/c3", "l1/c4", "l1/c5"])
        for commander in out.commanders {
            #expect(commander.leader == l1)
            #expect(commander.acceptors == acceptors(3))
            #expect(commander.replicas == replicas(2))
        }
        #expect(out.sends.isEmpty)
    }

    @Test("adopted for a ballot that is not the current one is ignored")
    func staleAdoptedIgnored() {
        var leader = makeLeader()
        leader.started()
        leader.deliver(.propose(slot: 1, command: put("k1", "v1"), retry: false), from: r0)
        let out = leader.deliver(.adopted(ballot: b(0, 0), pvalues: []), from: .scout(leader: 1, number: 1))
        #expect(out.effects.isEmpty)
        #expect(!leader.active)
    }

    @Test("a proposal while active spawns a commander for ⟨ballot, slot, command⟩")
    func proposeWhileActive() throws {
        var leader = activeLeader()
        let out = leader.deliver(.propose(slot: 1, command: app("k1", "v1"), retry: false), from: r0)
        let commander = try #require(out.commanders.first)
        #expect(out.spawned.count == 1)
        #expect(commander.pvalue == pv(b(0, 1), 1, app("k1", "v1")))
        #expect(commander.id == .commander(leader: 1, number: 2))
    }

    @Test("a second proposal for a slot is ignored unless it is a retry, the leader is active and the slot's commander has exited", arguments: [
        (false, false, false), (false, true, false), (true, false, false), (true, true, true),
    ])
    func secondProposalForSlot(active: Bool, retry: Bool, spawns: Bool) throws {
        var leader = active ? activeLeader() : makeLeader()
        if !active { leader.started() }
        let first = leader.deliver(.propose(slot: 1, command: put("k1", "first"), retry: false), from: r0)
        if let commander = first.commanders.first { leader.childExited(commander.id, at: 0) }
        let out = leader.deliver(.propose(slot: 1, command: put("k1", "second"), retry: retry), from: r1)
        #expect(leader.proposals[1] == put("k1", "first"))
        // A retry re-drives the command already chosen for the slot, never the new one.
        #expect(commanded(out) == (spawns ? [pv(b(0, 1), 1, put("k1", "first"))] : []))
    }

    @Test("a retry while the slot's commander still runs spawns no second one: one commander per ballot and slot")
    func retryWhileCommanderRuns() throws {
        var leader = activeLeader()
        let first = leader.deliver(.propose(slot: 1, command: put("k1", "first"), retry: false), from: r0)
        let commander = try #require(first.commanders.first)
        #expect(leader.runningCommanders == [1: commander.id])
        for _ in 0..<3 {
            #expect(leader.deliver(.propose(slot: 1, command: put("k1", "first"), retry: true), from: r0).spawned.isEmpty)
        }
        leader.childExited(.commander(leader: 1, number: 99), at: 0)
        #expect(leader.runningCommanders == [1: commander.id], "another child's exit changes nothing")
        leader.childExited(commander.id, at: 0)
        #expect(leader.runningCommanders.isEmpty)
        let again = leader.deliver(.propose(slot: 1, command: put("k1", "first"), retry: true), from: r0)
        #expect(commanded(again) == [pv(b(0, 1), 1, put("k1", "first"))])
    }

    @Test("preemption forgets the running commanders: they belong to the old ballot")
    func preemptionForgetsRunningCommanders() throws {
        var leader = activeLeader()
        leader.deliver(.propose(slot: 1, command: put("k1", "first"), retry: false), from: r0)
        #expect(leader.runningCommanders.count == 1)
        leader.deliver(.preempted(ballot: b(2, 2)), from: .commander(leader: 1, number: 2))
        #expect(leader.runningCommanders.isEmpty)
    }

    @Test("with paper settings, a higher preempted(r'.λ') makes it passive at (r'+1).λ and scouts at once")
    func preemptedPaperScoutsAtOnce() throws {
        var leader = activeLeader(.paper())
        let out = leader.deliver(.preempted(ballot: b(2, 2)), from: .commander(leader: 1, number: 2))
        #expect(!leader.active)
        #expect(leader.ballotNumber == b(3, 1))
        let scout = try #require(out.scouts.first)
        #expect(out.spawned.count == 1)
        #expect(scout.ballot == b(3, 1))
        #expect(scout.id == .scout(leader: 1, number: 2))
        #expect(out.sends.isEmpty && out.timers.isEmpty)
        #expect(leader.monitoring == nil)
    }

    @Test("preempted by a lower-indexed leader in the same round still moves to the next round")
    func preemptedSameRoundLowerLeader() {
        var leader = Leader<KV>(id: l0, acceptors: acceptors(3), replicas: replicas(2), settings: .paper())
        leader.started()
        let out = leader.deliver(.preempted(ballot: b(0, 2)), from: .scout(leader: 0, number: 1))
        #expect(leader.ballotNumber == b(1, 0))
        #expect(out.scouts.map(\.ballot) == [b(1, 0)])
    }

    @Test("a stale preempted (ballot not above its own) is ignored and the leader stays active", arguments: [
        b(0, 0), b(0, 1), Ballot.bottom,
    ])
    func stalePreemptedIgnored(stale: Ballot) {
        for settings in [Settings.paper(), Self.watching] {
            var leader = activeLeader(settings)
            let out = leader.deliver(.preempted(ballot: stale), from: .commander(leader: 1, number: 2))
            #expect(out.effects.isEmpty)
            #expect(leader.active)
            #expect(leader.ballotNumber == b(0, 1))
            #expect(leader.monitoring == nil)
            // Still active: a new proposal goes straight to a commander at the same ballot.
            let next = leader.deliver(.propose(slot: 1, command: get("k"), retry: false), from: r0)
            #expect(commanded(next) == [pv(b(0, 1), 1, get("k"))])
        }
    }

    @Test("with failure detection, preemption pings the preempting leader and sets a check instead of scouting")
    func preemptedPingsWithFailureDetection() {
        var leader = activeLeader(Self.watching)
        let out = leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2))
        #expect(!leader.active)
        #expect(leader.ballotNumber == b(2, 1))
        #expect(out.spawned.isEmpty)
        #expect(out.sends == [sent(.ping, to: l2)])
        #expect(out.timers == [TimerSet(timer: .leaderCheck(epoch: 1), after: 100)])
        #expect(leader.monitoring == l2)
    }

    @Test("a leader that is monitoring another answers no ping; one that is not answers pong")
    func pongOnlyWhenNotMonitoring() {
        var leader = activeLeader(Self.watching)
        #expect(leader.deliver(.ping, from: l0).sends == [sent(.pong, to: l0)])
        leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2))
        #expect(leader.deliver(.ping, from: l0).effects.isEmpty)
    }

    @Test("a scout is spawned only after missedPings checks without a pong")
    func scoutAfterMissedPings() throws {
        var leader = activeLeader(Self.watching)
        leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2))
        for check in 1..<3 {
            let out = leader.fire(.leaderCheck(epoch: 1))
            #expect(out.spawned.isEmpty, "scouted after only \(check) missed checks")
            #expect(out.sends == [sent(.ping, to: l2)])
            #expect(out.timers == [TimerSet(timer: .leaderCheck(epoch: 1), after: 100)])
        }
        let out = leader.fire(.leaderCheck(epoch: 1))
        let scout = try #require(out.scouts.first)
        #expect(out.spawned.count == 1)
        #expect(scout.ballot == b(2, 1))
        #expect(out.sends.isEmpty && out.timers.isEmpty)
        #expect(leader.monitoring == nil)
        // Monitoring is over: a late check does nothing and pings are answered again.
        #expect(leader.fire(.leaderCheck(epoch: 1)).effects.isEmpty)
        #expect(leader.deliver(.ping, from: l0).sends == [sent(.pong, to: l0)])
    }

    @Test("a pong from the watched leader resets the count of missed checks")
    func pongResetsMissedChecks() {
        var leader = activeLeader(Self.watching)
        leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2))
        leader.fire(.leaderCheck(epoch: 1))  // missed 1
        leader.fire(.leaderCheck(epoch: 1))  // missed 2
        leader.deliver(.pong, from: l2)
        #expect(leader.fire(.leaderCheck(epoch: 1)).spawned.isEmpty)  // answered: back to 0
        #expect(leader.fire(.leaderCheck(epoch: 1)).spawned.isEmpty)  // missed 1
        #expect(leader.fire(.leaderCheck(epoch: 1)).spawned.isEmpty)  // missed 2
        #expect(leader.fire(.leaderCheck(epoch: 1)).scouts.count == 1)  // missed 3
    }

    @Test("a pong from a leader other than the watched one does not count")
    func pongFromStrangerIgnored() {
        var leader = activeLeader(Self.watching)
        leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2))
        leader.fire(.leaderCheck(epoch: 1))
        leader.fire(.leaderCheck(epoch: 1))
        leader.deliver(.pong, from: l0)
        #expect(leader.fire(.leaderCheck(epoch: 1)).scouts.count == 1)
    }

    @Test("a new preemption restarts monitoring under a new epoch; checks of the old epoch are ignored")
    func newEpochOnNewPreemption() {
        var leader = activeLeader(Self.watching)
        leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2))
        let out = leader.deliver(.preempted(ballot: b(3, 0)), from: .commander(leader: 1, number: 3))
        #expect(leader.ballotNumber == b(4, 1))
        #expect(leader.monitoring == l0)
        #expect(out.sends == [sent(.ping, to: l0)])
        #expect(out.timers == [TimerSet(timer: .leaderCheck(epoch: 2), after: 100)])
        #expect(leader.fire(.leaderCheck(epoch: 1)).effects.isEmpty)
    }

    @Test("proposals while monitoring are recorded and driven once the next scout is adopted")
    func proposalsWhileMonitoring() {
        var leader = activeLeader(Self.watching)
        leader.deliver(.preempted(ballot: b(1, 2)), from: .commander(leader: 1, number: 2))
        #expect(leader.deliver(.propose(slot: 1, command: put("k1", "v1"), retry: true), from: r0).effects.isEmpty)
        for _ in 0..<3 { leader.fire(.leaderCheck(epoch: 1)) }
        let out = leader.deliver(.adopted(ballot: b(2, 1), pvalues: []), from: .scout(leader: 1, number: 2))
        #expect(leader.active)
        #expect(commanded(out) == [pv(b(2, 1), 1, put("k1", "v1"))])
    }

    @Test("children are numbered in spawn order: l1/s1, l1/c2, l1/c3, l1/s4, …")
    func childNumbering() {
        var leader = makeLeader()
        var ids = leader.started().spawned.map(\.id)
        ids += leader.deliver(.adopted(ballot: b(0, 1), pvalues: []), from: .scout(leader: 1, number: 1)).spawned.map(\.id)
        ids += leader.deliver(.propose(slot: 1, command: put("a", "1"), retry: false), from: r0).spawned.map(\.id)
        ids += leader.deliver(.propose(slot: 2, command: put("b", "2"), retry: false), from: r0).spawned.map(\.id)
        ids += leader.deliver(.preempted(ballot: b(0, 2)), from: .commander(leader: 1, number: 3)).spawned.map(\.id)
        ids += leader.deliver(.adopted(ballot: b(1, 1), pvalues: []), from: .scout(leader: 1, number: 4)).spawned.map(\.id)
        #expect(ids.map(\.description) == ["l1/s1", "l1/c2", "l1/c3", "l1/s4", "l1/c5", "l1/c6"])
        #expect(leader.childrenSpawned == 6)
    }
}

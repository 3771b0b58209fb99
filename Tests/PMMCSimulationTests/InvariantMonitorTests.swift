@testable import PMMCSimulation
import PMMC
import Testing

/// The replica invariants the monitor reads from a replica's reports (R2, R3), checked on a
/// real replica whose reports are tampered with: no built-in role breaks them, and a custom
/// role cannot stand in for a replica.
@Suite("InvariantMonitor")
struct InvariantMonitorTests {
    private let commander = ProcessID.commander(leader: 0, number: 1)

    private func append(_ value: String, requestID: Int) -> KVCommand {
        KVCommand(client: .client(0), requestID: requestID, body: .operation(.append(key: "k", value: value)))
    }

    /// Delivers `decision(slot, command)` to `replica`; returns what it observed.
    private func decide(_ slot: Int, _ command: KVCommand, to replica: inout Replica<KV>) -> [Observation<KV>] {
        var outbox = Outbox<KV>()
        replica.receive(.decision(slot: slot, command: command), from: commander, into: &outbox)
        return outbox.observations
    }

    /// Delivers `decision(slot, performed)` to `replica`; returns what it observed, with the
    /// command it reports performing replaced by `reported`.
    private func decide(_ slot: Int, _ performed: KVCommand, to replica: inout Replica<KV>, reporting reported: KVCommand) -> [Observation<KV>] {
        decide(slot, performed, to: &replica).map { observation in
            guard case .applied(let slot, _) = observation else { return observation }
            return .applied(slot: slot, command: reported)
        }
    }

    private func check(
        _ monitor: inout InvariantMonitor<KV>, _ replica: inout Replica<KV>, _ slot: Int, _ command: KVCommand,
        observations: [Observation<KV>]
    ) -> Invariant? {
        monitor.check(replica: &replica, id: .replica(0), tableSlot: 0, delivered: .decision(slot: slot, command: command),
                      observations: observations)?.0
    }

    private func replica() -> Replica<KV> {
        Replica(id: .replica(0), leaders: [.leader(0)], settings: Settings())
    }

    @Test("an honest replica passes; one whose state is not its performed commands applied in order breaks R3")
    func r3() {
        var monitor = InvariantMonitor<KV>(window: 5)
        var role = replica()
        let first = append("v1", requestID: 1)
        #expect(check(&monitor, &role, 1, first, observations: decide(1, first, to: &role)) == nil)
        let second = append("v2", requestID: 2)
        let reported = decide(2, second, to: &role, reporting: append("v3", requestID: 2))
        #expect(check(&monitor, &role, 2, second, observations: reported) == .r3)
    }

    @Test("a replica that reports a command on another key than the one it performed breaks R3 at once")
    func r3OtherKey() {
        var monitor = InvariantMonitor<KV>(window: 5)
        var role = replica()
        let performed = append("v1", requestID: 1)
        let otherKey = KVCommand(client: .client(0), requestID: 1, body: .operation(.append(key: "j", value: "v1")))
        let reported = decide(1, performed, to: &role, reporting: otherKey)
        #expect(check(&monitor, &role, 1, performed, observations: reported) == .r3)
    }

    @Test("a change that no reported command touched breaks R3 at the next comparison of the whole state")
    func r3WholeState() {
        var monitor = InvariantMonitor<KV>(window: 5)
        var role = replica()
        let performed = append("v1", requestID: 1)
        let read = KVCommand(client: .client(0), requestID: 1, body: .operation(.get(key: "k")))
        let reported = decide(1, performed, to: &role, reporting: read)
        #expect(check(&monitor, &role, 1, performed, observations: reported) == nil)
        let interval = InvariantMonitor<KV>.wholeCompareInterval
        for slot in 2...interval {
            let command = KVCommand(client: .client(0), requestID: slot, body: .operation(.put(key: "m", value: "v\(slot)")))
            let violation = check(&monitor, &role, slot, command, observations: decide(slot, command, to: &role))
            #expect(violation == (slot == interval ? .r3 : nil), "slot \(slot)")
        }
    }

    @Test("a replica whose slot_out moves past a slot it does not report performing breaks R2")
    func r2() {
        var monitor = InvariantMonitor<KV>(window: 5)
        var role = replica()
        let first = append("v1", requestID: 1)
        let unreported = decide(1, first, to: &role).filter { if case .applied = $0 { false } else { true } }
        #expect(check(&monitor, &role, 1, first, observations: unreported) == .r2)
    }
}

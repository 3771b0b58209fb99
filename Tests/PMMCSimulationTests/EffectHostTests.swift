import PMMC
import PMMCHost
import Testing

/// A host that records what ``EffectHost`` asks of it.
private struct RecordingHost: EffectHost {
    typealias Machine = KeyValueStore
    var actions: [String] = []

    mutating func send(_ message: Message<KeyValueStore>, from source: ProcessID, to destination: ProcessID) {
        actions.append("send \(source) → \(destination) \(message)")
    }
    mutating func spawn(_ child: Role<KeyValueStore>, by parent: ProcessID) { actions.append("spawn \(child.id) by \(parent)") }
    mutating func setTimer(_ timer: TimerID, after delay: Int, for process: ProcessID) {
        actions.append("timer \(timer) after \(delay) for \(process)")
    }
    mutating func cancelTimer(_ timer: TimerID, for process: ProcessID) { actions.append("cancel \(timer) for \(process)") }
    mutating func exit(_ process: ProcessID) { actions.append("exit \(process)") }
    mutating func complete(client: ProcessID, requestID: Int, output: String?) {
        actions.append("complete \(client) #\(requestID) \(output ?? "nil")")
    }
    mutating func decided(_ slot: Int, _ command: Command<KeyValueStore>, by replica: ProcessID) {
        actions.append("decided \(slot) by \(replica)")
    }
    mutating func applied(_ slot: Int, _ command: Command<KeyValueStore>, by replica: ProcessID) {
        actions.append("applied \(slot) by \(replica)")
    }
    mutating func preempted(_ leader: ProcessID, by ballot: Ballot) { actions.append("preempted \(leader) by \(ballot)") }
}

/// Effect interpretation shared by the simulator and the runtime (PMMCHost).
@Suite("EffectHost")
struct EffectHostTests {
    @Test("carryOut turns each effect into the host's action, in order, for the process that asked")
    func effects() {
        var host = RecordingHost()
        let scout = Scout<KeyValueStore>(id: .scout(leader: 0, number: 1), leader: .leader(0), acceptors: [.acceptor(0)],
                                         ballot: Ballot(round: 0, leader: 0), timer: RetransmitTimer(initial: Settings.paper().phaseRetransmit, adapting: nil))
        let effects: [Effect<KeyValueStore>] = [
            .send(.ping, to: .leader(1)), .spawn(.scout(scout)), .setTimer(.phaseRetransmit, after: 7),
            .cancelTimer(.phaseRetransmit), .complete(requestID: 3, output: "v"), .exit,
        ]
        host.carryOut(effects, of: .leader(0))
        #expect(host.actions == [
            "send l0 → l1 ping", "spawn l0/s1 by l0", "timer phaseRetransmit after 7 for l0", "cancel phaseRetransmit for l0",
            "complete l0 #3 v", "exit l0",
        ])
    }

    @Test("report acts on decisions, performed slots and preemptions, in order, and passes over the rest")
    func observations() {
        var host = RecordingHost()
        let command = Command<KeyValueStore>(client: .client(0), requestID: 1, body: .operation(.put(key: "k", value: "v")))
        let pvalue = PValue(ballot: Ballot(round: 0, leader: 0), slot: 1, command: command)
        let observations: [Observation<KeyValueStore>] = [
            .ignored, .decided(slot: 1, command: command), .accepted(pvalue), .applied(slot: 1, command: command),
            .preempted(by: Ballot(round: 1, leader: 1)), .adopted(Ballot(round: 0, leader: 0)), .rejected(pvalue),
        ]
        host.report(observations, of: .replica(0))
        #expect(host.actions == ["decided 1 by r0", "applied 1 by r0", "preempted r0 by 1.1"])
    }
}

import PMMC
import PMMCSimulation
import PMMCTrace
import PMMCTeaching

/// Hand-built transcripts for the renderer tests: the acceptor story, a forked election and a
/// longer run with drops, a crash and decisions.
enum RenderSamples {
    /// One acceptor a0 and two leaders: p1a(0.1) adopted, p1a(0.0) answered "Nope!", p2a
    /// accepted, a stale p2a refused, a lost resend and a preemption.
    static var acceptor: Transcript {
        var story = StoryBuilder()
        story.step("l1's scout and l0's scout each send p1a to a0", panels: [acceptorState("_", [], changed: false)]) {
            $0.send("l1/s1", "a0", "p1a(0.1)", injected: true)
            $0.send("l0/s1", "a0", "p1a(0.0)", injected: true)
        }
        story.step("a0 receives p1a(0.1): 0.1 > _, so it adopts 0.1",
                   panels: [acceptorState("0.1", [], changed: true)]) {
            $0.deliver("l1/s1", "a0", "p1a(0.1)")
            $0.send("a0", "l1/s1", "p1b(0.1, [])")
        }
        story.step("a0 receives p1a(0.0): \"Nope!\" It stays at 0.1 and says so",
                   panels: [acceptorState("0.1", [], changed: false)]) {
            $0.deliver("l0/s1", "a0", "p1a(0.0)")
            $0.send("a0", "l0/s1", "p1b(0.1, [])")
        }
        story.step("l1/s1 receives p1b(0.1, []) and reports adopted(0.1, []) to l1") {
            $0.deliver("a0", "l1/s1", "p1b(0.1, [])")
            $0.send("l1/s1", "l1", "adopted(0.1, [])")
            $0.exit("l1/s1")
        }
        story.step("l1 is adopted and spawns a commander for <0.1, 1, A>",
                   panels: [leaderState("l1", active: true, ballot: "0.1", proposals: "[<1, A>]", changed: true)]) {
            $0.deliver("l1/s1", "l1", "adopted(0.1, [])")
            $0.spawn("l1", "l1/c2", "commander <0.1, 1, A>")
            $0.send("l1/c2", "a0", "p2a(<0.1, 1, A>)")
        }
        story.step("a0 receives p2a(<0.1, 1, A>): \"OK!\" It accepts", panels: [
            acceptorState("0.1", ["<0.1, 1, A>"], changed: true),
            leaderState("l1", active: true, ballot: "0.1", proposals: "[<1, A>]", changed: false),
        ]) {
            $0.deliver("l1/c2", "a0", "p2a(<0.1, 1, A>)")
            $0.send("a0", "l1/c2", "p2b(0.1)")
        }
        story.step("a stale p2a(<0.0, 1, B>) from l0 is ignored: accepted is unchanged",
                   panels: [acceptorState("0.1", ["<0.1, 1, A>"], changed: false)]) {
            $0.send("l0/c2", "a0", "p2a(<0.0, 1, B>)", injected: true)
            $0.deliver("l0/c2", "a0", "p2a(<0.0, 1, B>)", ignored: true)
        }
        story.step("l0/s1 resends p1a(0.0); the network loses it") {
            $0.timer("l0/s1", .phaseRetransmit)
            $0.send("l0/s1", "a0", "p1a(0.0)")
            $0.drop("l0/s1", "a0", "p1a(0.0)", reason: .loss)
        }
        story.step("l0/s1 receives a0's p1b(0.1, []): preempted by 0.1; l0 moves to ballot 1.0",
                   panels: [leaderState("l0", active: false, ballot: "1.0", proposals: "[]", changed: true)]) {
            $0.deliver("a0", "l0/s1", "p1b(0.1, [])")
            $0.send("l0/s1", "l0", "preempted(0.1)")
            $0.deliver("l0/s1", "l0", "preempted(0.1)")
        }
        return Transcript(
            title: "Acceptors: adopting and accepting",
            lesson: "An acceptor adopts a ballot only if it is higher than any it has adopted, and accepts a pvalue only "
                + "at the ballot it currently follows. Everything it ever says is its current ballot, so a leader with "
                + "an old ballot learns it has been overtaken. Slots are numbered from 1, as in the paper.",
            lanes: [.leader(0), .leader(1), .acceptor(0)],
            parts: story.parts,
            checks: [
                Transcript.Check(name: "A1", statement: "An acceptor's ballot only increases.", holds: true,
                      detail: "a0: _ → 0.1"),
                Transcript.Check(name: "A2", statement: "An acceptor accepts only at its current ballot.", holds: true,
                      detail: "<0.1, 1, A> at 0.1; <0.0, 1, B> refused"),
            ])
    }

    /// Leader l0 elected or preempted: the scout's p1a to three acceptors, then two outcomes
    /// from the same state.
    static var election: Transcript {
        var story = StoryBuilder()
        story.step("l0 starts passive at 0.0 and spawns scout l0/s1",
                   panels: [leaderState("l0", active: false, ballot: "0.0", proposals: "[]", changed: true)]) {
            $0.spawn("l0", "l0/s1", "scout 0.0")
            for acceptor in ["a0", "a1", "a2"] { $0.send("l0/s1", acceptor, "p1a(0.0)") }
        }
        story.part("Branch A: two acceptors already follow 0.1", forksFrom: 0)
        story.step("a0 receives p1a(0.0): \"Nope!\" (it follows 0.1)", panels: [acceptorState("0.1", [], name: "a0", changed: false)]) {
            $0.deliver("l0/s1", "a0", "p1a(0.0)")
            $0.send("a0", "l0/s1", "p1b(0.1, [])")
        }
        story.step("a1 receives p1a(0.0): \"Nope!\"", panels: [acceptorState("0.1", [], name: "a1", changed: false)]) {
            $0.deliver("l0/s1", "a1", "p1a(0.0)")
            $0.send("a1", "l0/s1", "p1b(0.1, [])")
        }
        story.step("l0/s1 receives a0's p1b(0.1, []): preempted") {
            $0.deliver("a0", "l0/s1", "p1b(0.1, [])")
            $0.send("l0/s1", "l0", "preempted(0.1)")
            $0.exit("l0/s1")
        }
        story.step("a1's answer arrives after the scout exited") {
            $0.drop("a1", "l0/s1", "p1b(0.1, [])", reason: .exited)
        }
        story.step("l0 receives preempted(0.1): passive at 1.0, scouting again",
                   panels: [leaderState("l0", active: false, ballot: "1.0", proposals: "[]", changed: true)]) {
            $0.deliver("l0/s1", "l0", "preempted(0.1)")
            $0.spawn("l0", "l0/s2", "scout 1.0")
            for acceptor in ["a0", "a1", "a2"] { $0.send("l0/s2", acceptor, "p1a(1.0)") }
        }
        story.part("Or… Branch B: two acceptors answer OK([])", forksFrom: 0)
        story.step("a0 adopts 0.0", panels: [acceptorState("0.0", [], name: "a0", changed: true)]) {
            $0.deliver("l0/s1", "a0", "p1a(0.0)")
            $0.send("a0", "l0/s1", "p1b(0.0, [])")
        }
        story.step("a1 adopts 0.0; the p1a to a2 is lost", panels: [acceptorState("0.0", [], name: "a1", changed: true)]) {
            $0.deliver("l0/s1", "a1", "p1a(0.0)")
            $0.send("a1", "l0/s1", "p1b(0.0, [])")
            $0.drop("l0/s1", "a2", "p1a(0.0)", reason: .loss)
        }
        story.step("l0/s1 hears from a0") {
            $0.deliver("a0", "l0/s1", "p1b(0.0, [])")
        }
        story.step("l0/s1 hears from a1: a majority, so adopted(0.0, [])") {
            $0.deliver("a1", "l0/s1", "p1b(0.0, [])")
            $0.send("l0/s1", "l0", "adopted(0.0, [])")
            $0.exit("l0/s1")
        }
        story.step("l0 receives adopted(0.0, []): active at 0.0",
                   panels: [leaderState("l0", active: true, ballot: "0.0", proposals: "[]", changed: true)]) {
            $0.deliver("l0/s1", "l0", "adopted(0.0, [])")
        }
        return Transcript(
            title: "Leader: getting elected",
            lesson: "A leader's scout asks every acceptor to adopt its ballot; a majority of OKs makes it active, a "
                + "single higher ballot preempts it.",
            lanes: [.leader(0), .acceptor(0), .acceptor(1), .acceptor(2)],
            parts: story.parts,
            checks: [Transcript.Check(name: "A1", statement: "Adopted ballots strictly increase.", holds: true, detail: "")])
    }

    /// A longer run: a client's requests decided in several slots, losses, a crash of the
    /// leader and the other leader taking over. About forty steps.
    static var long: Transcript {
        var story = StoryBuilder()
        let acceptors = ["a0", "a1", "a2"]
        let replicas = ["r0", "r1"]
        story.step("l0 scouts for ballot 0.0") {
            $0.spawn("l0", "l0/s1", "scout 0.0")
            for acceptor in acceptors { $0.send("l0/s1", acceptor, "p1a(0.0)") }
        }
        for acceptor in acceptors {
            story.step("\(acceptor) adopts 0.0") {
                $0.deliver("l0/s1", acceptor, "p1a(0.0)")
                $0.send(acceptor, "l0/s1", "p1b(0.0, [])")
            }
        }
        story.step("l0/s1 has a majority") {
            $0.deliver("a0", "l0/s1", "p1b(0.0, [])")
            $0.deliver("a1", "l0/s1", "p1b(0.0, [])")
            $0.send("l0/s1", "l0", "adopted(0.0, [])")
            $0.exit("l0/s1")
        }
        story.step("l0 is active", panels: [leaderState("l0", active: true, ballot: "0.0", proposals: "[]", changed: true)]) {
            $0.deliver("l0/s1", "l0", "adopted(0.0, [])")
        }
        var child = 2
        for slot in 1...3 {
            let command = "Put k\(slot) v\(slot)"
            let commander = "l0/c\(child)"
            child += 1
            story.step("c0 sends request \(command)") {
                for replica in replicas { $0.send("c0", replica, "request(c0#\(slot): \(command))") }
            }
            story.step("the replicas propose slot \(slot)") {
                for replica in replicas {
                    $0.deliver("c0", replica, "request(c0#\(slot): \(command))")
                    $0.send(replica, "l0", "propose(\(slot), \(command))")
                }
            }
            story.step("l0 spawns a commander for slot \(slot)") {
                $0.deliver("r0", "l0", "propose(\(slot), \(command))")
                $0.spawn("l0", commander, "commander <0.0, \(slot), \(command)>")
                for acceptor in acceptors { $0.send(commander, acceptor, "p2a(<0.0, \(slot), \(command)>)") }
                if slot == 2 { $0.drop("r1", "l0", "propose(\(slot), \(command))", reason: .loss) }
            }
            story.step("the acceptors accept") {
                for acceptor in acceptors {
                    if slot == 2 && acceptor == "a2" {
                        $0.drop(commander, acceptor, "p2a(<0.0, \(slot), \(command)>)", reason: .loss)
                    } else {
                        $0.deliver(commander, acceptor, "p2a(<0.0, \(slot), \(command)>)")
                        $0.send(acceptor, commander, "p2b(0.0)")
                    }
                }
            }
            story.step("the commander has a majority: decision(\(slot), \(command))") {
                $0.deliver("a0", commander, "p2b(0.0)")
                $0.deliver("a1", commander, "p2b(0.0)")
                for replica in replicas { $0.send(commander, replica, "decision(\(slot), \(command))") }
                $0.exit(commander)
            }
            story.step("the replicas decide slot \(slot)", panels: [
                StateTable(title: "Replica logs", columns: replicas,
                           rows: (1...slot).map { StateTable.Row(label: "slot \($0)", cells: ["Put k\($0) v\($0)", "Put k\($0) v\($0)"]) })
                    .panel,
            ]) {
                for replica in replicas {
                    $0.deliver(commander, replica, "decision(\(slot), \(command))")
                    $0.decide(replica, slot: slot, command)
                    $0.apply(replica, slot: slot, command)
                }
                $0.send("r0", "c0", "response(#\(slot): done)")
            }
            story.step("c0 gets its response") {
                $0.deliver("r0", "c0", "response(#\(slot): done)")
                $0.respond("c0", "#\(slot) done")
            }
        }
        story.step("l0 crashes", panels: [leaderState("l0", active: true, ballot: "0.0", proposals: "[<1, Put k1 v1>, <2, Put k2 v2>, <3, Put k3 v3>]", changed: false)]) {
            $0.crash("l0")
        }
        story.step("c0 sends request Put k4 v4") {
            for replica in replicas { $0.send("c0", replica, "request(c0#4: Put k4 v4)") }
        }
        story.step("the replicas propose slot 4 to both leaders") {
            for replica in replicas {
                $0.deliver("c0", replica, "request(c0#4: Put k4 v4)")
                $0.send(replica, "l0", "propose(4, Put k4 v4)")
                $0.send(replica, "l1", "propose(4, Put k4 v4)")
            }
        }
        story.step("the proposals to l0 are dropped: it is down") {
            $0.drop("r0", "l0", "propose(4, Put k4 v4)", reason: .crashed)
            $0.drop("r1", "l0", "propose(4, Put k4 v4)", reason: .crashed)
        }
        story.step("l1 records the proposal and scouts for 1.1") {
            $0.deliver("r0", "l1", "propose(4, Put k4 v4)")
            $0.deliver("r1", "l1", "propose(4, Put k4 v4)", ignored: true)
            $0.spawn("l1", "l1/s1", "scout 1.1")
            for acceptor in acceptors { $0.send("l1/s1", acceptor, "p1a(1.1)") }
        }
        story.step("a network partition separates a2", panels: []) {
            $0.partition("{c0 r0 r1 l0 l1 a0 a1} {a2}")
        }
        for acceptor in acceptors {
            story.step("\(acceptor) handles p1a(1.1)") {
                if acceptor == "a2" {
                    $0.drop("l1/s1", acceptor, "p1a(1.1)", reason: .partition)
                } else {
                    $0.deliver("l1/s1", acceptor, "p1a(1.1)")
                    $0.send(acceptor, "l1/s1", "p1b(1.1, [<0.0, 1, Put k1 v1>, <0.0, 2, Put k2 v2>, <0.0, 3, Put k3 v3>])")
                }
            }
        }
        story.step("the partition heals") { $0.heal() }
        story.step("l1/s1 has a majority: adopted with the accepted pvalues") {
            let pvalues = "[<0.0, 1, Put k1 v1>, <0.0, 2, Put k2 v2>, <0.0, 3, Put k3 v3>]"
            $0.deliver("a0", "l1/s1", "p1b(1.1, \(pvalues))")
            $0.deliver("a1", "l1/s1", "p1b(1.1, \(pvalues))")
            $0.send("l1/s1", "l1", "adopted(1.1, \(pvalues))")
            $0.exit("l1/s1")
        }
        story.step("l1 is active and re-proposes slot 4") {
            $0.deliver("l1/s1", "l1", "adopted(1.1, [<0.0, 1, Put k1 v1>, <0.0, 2, Put k2 v2>, <0.0, 3, Put k3 v3>])")
            $0.spawn("l1", "l1/c2", "commander <1.1, 4, Put k4 v4>")
            for acceptor in acceptors { $0.send("l1/c2", acceptor, "p2a(<1.1, 4, Put k4 v4>)") }
        }
        story.step("the acceptors accept <1.1, 4, Put k4 v4>") {
            for acceptor in acceptors {
                $0.deliver("l1/c2", acceptor, "p2a(<1.1, 4, Put k4 v4>)")
                $0.send(acceptor, "l1/c2", "p2b(1.1)")
            }
        }
        story.step("the commander decides slot 4") {
            $0.deliver("a0", "l1/c2", "p2b(1.1)")
            $0.deliver("a2", "l1/c2", "p2b(1.1)")
            for replica in replicas { $0.send("l1/c2", replica, "decision(4, Put k4 v4)") }
        }
        story.step("the replicas decide slot 4") {
            for replica in replicas {
                $0.deliver("l1/c2", replica, "decision(4, Put k4 v4)")
                $0.decide(replica, slot: 4, "Put k4 v4")
            }
        }
        story.step("l0 restarts") { $0.restart("l0") }
        return Transcript(title: "A longer run: losses, a crash and a new leader",
                          lanes: [.client(0), .replica(0), .replica(1), .leader(0), .leader(1), .acceptor(0),
                                  .acceptor(1), .acceptor(2)],
                          parts: story.parts,
                          checks: [Transcript.Check(name: "R1", statement: "One command per slot across replicas.", holds: true,
                                         detail: "slots 1–4"),
                                   Transcript.Check(name: "R3", statement: "State is the decisions applied in order.", holds: false,
                                         detail: "r1 has not applied slot 4")])
    }

    static func acceptorState(_ ballot: String, _ accepted: [String], name: String = "a0", changed: Bool) -> Transcript.Panel {
        .state(ProcessState(process: ProcessID(name)!, title: "Acceptor \(name)",
                            lines: ["ballot_num: \(ballot)", "accepted: [" + accepted.joined(separator: ", ") + "]"],
                            changed: changed))
    }

    static func leaderState(_ name: String, active: Bool, ballot: String, proposals: String, changed: Bool) -> Transcript.Panel {
        .state(ProcessState(process: ProcessID(name)!, title: "Leader \(name)",
                            lines: ["active: \(active)", "ballot_num: \(ballot)", "proposals: \(proposals)"],
                            changed: changed))
    }
}

extension StateTable {
    var panel: Transcript.Panel { .table(self) }
}

/// Builds a transcript's parts step by step, numbering steps and timing events by step, and
/// giving each copy of a message an id as a host would: a send or duplicate takes a new one,
/// a delivery or drop the oldest pending copy with the same route and text (a fork outcome
/// starts from the copies pending at its fork).
struct StoryBuilder {
    private(set) var parts: [Transcript.Part] = [Transcript.Part()]
    private var number = 0
    private var ids = MessageIDs()
    /// The copies pending at the end of each part.
    private var pendingAtEnd: [[MessageIDs.Route: [Int]]] = [[:]]

    mutating func part(_ heading: String, forksFrom origin: Int?) {
        parts.append(Transcript.Part(heading: heading, forksFrom: origin))
        ids.pending = origin.map { pendingAtEnd[$0] } ?? pendingAtEnd[pendingAtEnd.count - 1]
        pendingAtEnd.append(ids.pending)
    }

    mutating func step(_ narration: String, panels: [Transcript.Panel] = [], _ events: (inout EventList) -> Void) {
        number += 1
        var list = EventList(time: number, ids: ids)
        events(&list)
        ids = list.ids
        pendingAtEnd[pendingAtEnd.count - 1] = ids.pending
        parts[parts.count - 1].steps.append(Transcript.Step(number: number, narration: narration, events: list.events, panels: panels))
    }
}

/// Message ids handed out in a story, and the copies still pending.
struct MessageIDs {
    struct Route: Hashable {
        let source: String
        let destination: String
        let message: String
    }

    var pending: [Route: [Int]] = [:]
    private var next = 0

    /// A new copy's id.
    mutating func sent(_ route: Route) -> Int {
        defer { next += 1 }
        pending[route, default: []].append(next)
        return next
    }

    /// The id of the oldest pending copy on `route`, taken; a new id if none is pending.
    mutating func ended(_ route: Route) -> Int {
        if let id = pending[route]?.first {
            pending[route]?.removeFirst()
            return id
        }
        defer { next += 1 }
        return next
    }
}

/// The events of one step, written with process names as strings.
struct EventList {
    let time: Int
    fileprivate(set) var ids: MessageIDs
    private(set) var events: [TraceEvent] = []

    init(time: Int, ids: MessageIDs) {
        self.time = time
        self.ids = ids
    }

    private mutating func add(_ kind: TraceEvent.Kind, _ source: String?, _ destination: String? = nil,
                              message: String? = nil, slot: Int? = nil, detail: String? = nil) {
        events.append(TraceEvent(time: time, kind: kind, source: source.flatMap(ProcessID.init),
                                 destination: destination.flatMap(ProcessID.init), message: message, slot: slot,
                                 detail: detail))
    }

    private mutating func addMessage(_ kind: TraceEvent.Kind, _ source: String, _ destination: String, _ message: String,
                                     reason: TraceEvent.DropReason? = nil, ignored: Bool = false, injected: Bool = false) {
        let route = MessageIDs.Route(source: source, destination: destination, message: message)
        let id = kind == .send || kind == .duplicate ? ids.sent(route) : ids.ended(route)
        events.append(TraceEvent(time: time, kind: kind, source: ProcessID(source), destination: ProcessID(destination),
                                 messageID: id, message: message, reason: reason, ignored: ignored, injected: injected))
    }

    mutating func send(_ source: String, _ destination: String, _ message: String, injected: Bool = false) {
        addMessage(.send, source, destination, message, injected: injected)
    }
    mutating func deliver(_ source: String, _ destination: String, _ message: String, ignored: Bool = false) {
        addMessage(.deliver, source, destination, message, ignored: ignored)
    }
    mutating func drop(_ source: String, _ destination: String, _ message: String, reason: TraceEvent.DropReason) {
        addMessage(.drop, source, destination, message, reason: reason)
    }
    mutating func duplicate(_ source: String, _ destination: String, _ message: String) {
        addMessage(.duplicate, source, destination, message)
    }
    mutating func spawn(_ parent: String, _ child: String, _ what: String) { add(.spawn, parent, child, message: what) }
    mutating func exit(_ process: String) { add(.exit, process) }
    mutating func timer(_ process: String, _ which: TimerID) {
        events.append(TraceEvent(time: time, kind: .timer, source: ProcessID(process), timer: which))
    }
    mutating func crash(_ process: String) { add(.crash, process) }
    mutating func restart(_ process: String) { add(.restart, process) }
    mutating func decide(_ replica: String, slot: Int, _ command: String) { add(.decide, replica, message: command, slot: slot) }
    mutating func apply(_ replica: String, slot: Int, _ command: String) { add(.apply, replica, message: command, slot: slot) }
    mutating func respond(_ client: String, _ what: String) { add(.respond, client, message: what) }
    mutating func partition(_ groups: String) { add(.partition, nil, detail: groups) }
    mutating func heal() { add(.heal, nil) }
}

extension RenderSamples {
    /// The hand-built samples and every walk-through's transcript: the renderers' structural
    /// tests run on all of them. (A walk-through that fails to run is reported by
    /// WalkthroughTests.)
    static let all = [acceptor, election, long] + Walkthroughs.all.compactMap { try? $0.run() }
}

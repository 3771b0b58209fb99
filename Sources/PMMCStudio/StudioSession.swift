import PMMC
import PMMCSimulation
import PMMCTeaching
import PMMCTrace

/// A session as the server holds it, whatever its state machine.
public protocol StudioSessionProtocol: AnyObject {
    /// Carries out `move`; a refused move changes nothing.
    func perform(_ move: StudioMove) throws(StudioError)
    /// What the page shows now.
    func view() -> SessionView
    /// A Swift Testing test that replays the steps carried out and checks the state reached.
    func exportedTest() -> String
    /// The trace of the steps carried out: a header line, then one JSON line per event.
    func exportedTrace() -> String
}

/// One student's session on one scenario: a ``Timeline`` of scripted actions, and the
/// simulation at its position, rebuilt by replaying the entries carried out on a fresh
/// simulation of the scenario's options (kept while moving forward, rebuilt on any other move).
public final class StudioSession<Machine: StudioMachine>: StudioSessionProtocol {
    /// What the session started from.
    public let scenario: StudioScenario
    /// The options of every simulation the session rebuilds.
    public let options: SimulationOptions
    /// The branches, their steps, and where the student is.
    public private(set) var timeline: Timeline<ScriptedAction<Machine>>
    private let title: String
    private let lesson: String
    private var replay: SessionReplay<Machine>

    /// A session at the start of `branches` (none: one empty branch called `main`).
    public init(
        scenario: StudioScenario, title: String, lesson: String, options: SimulationOptions,
        branches: [Timeline<ScriptedAction<Machine>>.Branch]
    ) throws(StudioError) {
        self.scenario = scenario
        self.title = title
        self.lesson = lesson
        self.options = options
        timeline = Timeline(branches: branches.isEmpty ? [.init(name: "main", entries: [])] : branches)
        replay = try SessionReplay(options: options)
    }

    /// The simulation at the position.
    public var simulation: Simulation<Machine> { replay.simulation }

    public func perform(_ move: StudioMove) throws(StudioError) {
        switch move {
        case .perform(let id):
            let event = try pendingEvent(id)
            try act(Self.label(event)) { simulation throws(SimulationError) in try simulation.perform(id) }
        case .drop(let id):
            let event = try pendingEvent(id)
            guard event.envelope != nil else { throw .conflict("#\(id) is not a message; only messages can be dropped") }
            try act("drop " + Self.summary(event)) { simulation throws(SimulationError) in try simulation.drop(id) }
        case .duplicate(let id):
            let event = try pendingEvent(id)
            guard let envelope = event.envelope else { throw .conflict("#\(id) is not a message; only messages can be duplicated") }
            if case .snapshot = envelope.message {
                throw .conflict("#\(id) is a snapshot; the studio does not duplicate snapshots, as an exported test could not rebuild one")
            }
            try act("duplicate " + Self.summary(event)) { simulation throws(SimulationError) in
                try simulation.inject(envelope.message, from: envelope.source, to: envelope.destination)
            }
        case .crash(let process):
            guard replay.hosts.contains(process) else { throw .notFound("no process \(process) in this simulation") }
            guard !simulation.isCrashed(process) else { throw .conflict("\(process) has crashed already") }
            try act("crash \(process)") { simulation throws(SimulationError) in try simulation.crash(process) }
        case .restart(let process):
            guard replay.hosts.contains(process) else { throw .notFound("no process \(process) in this simulation") }
            guard simulation.isCrashed(process) else { throw .conflict("\(process) is not crashed; only a crashed process can restart") }
            try act("restart \(process)") { simulation throws(SimulationError) in try simulation.restart(process) }
        case .submit(let client, let text):
            guard let operation = Machine.operation(parsing: text) else {
                throw .badRequest("'\(text)' is not an operation here; try e.g. '\(Machine.operationExample)'")
            }
            guard (0..<options.clients).contains(client) else {
                throw .conflict(options.clients == 0 ? "this scenario has no clients" : "no client c\(client); clients are c0…c\(options.clients - 1)")
            }
            try act("c\(client) submits \(operation)") { simulation throws(SimulationError) in try simulation.submit(operation, client: client) }
        case .run(let ticks):
            guard (1...10_000).contains(ticks) else { throw .badRequest("ticks must be from 1 to 10000, got \(ticks)") }
            let limit = simulation.now + ticks
            try act("run \(ticks) tick\(ticks == 1 ? "" : "s")") { simulation throws(SimulationError) in simulation.run(timeLimit: limit) }
        case .back:
            guard timeline.back() else { throw .conflict("already at the start") }
            try rebuild()
        case .forward:
            guard timeline.forward() else { throw .conflict("already at the end of the branch") }
            try replay.apply(timeline.branch.entries[timeline.position - 1].actions)
        case .go(let position):
            guard timeline.go(to: position) else { throw .notFound("no step \(position) on this branch of \(timeline.branch.entries.count)") }
            try rebuild()
        case .fork(let name):
            timeline.fork(named: name)
        case .branch(let index):
            guard timeline.switchTo(index) else { throw .notFound("no branch \(index)") }
            try rebuild()
        }
    }

    public func view() -> SessionView {
        SessionView(
            title: title, lesson: lesson, scenario: scenario.description, walkthrough: scenario.walkthrough?.name,
            part: scenario.walkthrough?.part,
            cluster: scenario.cluster.map {
                SessionView.ClusterView(replicas: $0.replicas, leaders: $0.leaders, acceptors: $0.acceptors, clients: $0.clients, machine: $0.machine.rawValue)
            },
            operationExample: Machine.operationExample,
            clients: options.clients, time: simulation.now, violation: simulation.violation.map { "\($0)" },
            branch: timeline.current,
            branches: timeline.branches.map { SessionView.BranchView(name: $0.name, length: $0.entries.count) },
            position: timeline.position,
            entries: timeline.branch.entries.map { SessionView.EntryView(label: $0.label, scripted: $0.scripted) },
            pending: simulation.pending.map(Self.pendingView),
            processes: processViews(),
            diagram: SVGRenderer().render(transcript()))
    }

    public func exportedTest() -> String {
        TestExport(scenario: scenario, branch: timeline.branch.name, entries: Array(timeline.done), simulation: simulation).source
    }

    public func exportedTrace() -> String {
        let header = TraceHeader.simulator(command: "studio", arguments: scenario.arguments)
        return ([header.jsonLine] + replay.allEvents.map(\.jsonLine)).map { $0 + "\n" }.joined()
    }

    /// The steps carried out as a transcript, one step per entry, for the diagram.
    public func transcript() -> Transcript {
        let steps = zip(timeline.done, zip(replay.events, replay.panels)).enumerated().map { index, item in
            Transcript.Step(number: index + 1, narration: item.0.label, events: item.1.0, panels: item.1.1.map { .state($0) })
        }
        return Transcript(title: title, lanes: replay.hosts, parts: [Transcript.Part(heading: timeline.branch.name, steps: steps)])
    }

    private func pendingEvent(_ id: Int) throws(StudioError) -> PendingEvent<Machine> {
        guard let event = simulation.pending.first(where: { $0.id == id }) else {
            throw .notFound("no pending event #\(id); it may have been handled already")
        }
        return event
    }

    /// Carries out `action` on the simulation and records what it did as one entry.
    private func act(_ label: String, _ action: (Simulation<Machine>) throws(SimulationError) -> Void) throws(StudioError) {
        let before = simulation.log.count
        let trial = simulation.fork()
        trial.trace = nil
        do {
            try action(trial)
        } catch {
            throw .conflict(error.description)
        }
        let entry = Timeline<ScriptedAction<Machine>>.Entry(label: label, scripted: false, actions: Array(trial.log[before...]))
        let appending = timeline.position == timeline.branch.entries.count
        timeline.record(entry)
        if appending {
            try replay.apply(entry.actions)
        } else {
            try rebuild()
        }
    }

    private func rebuild() throws(StudioError) {
        let fresh = try SessionReplay<Machine>(options: options)
        for entry in timeline.done {
            try fresh.apply(entry.actions)
        }
        replay = fresh
    }

    private func processViews() -> [SessionView.ProcessView] {
        let changed = Set(timeline.position > 0 ? (replay.panels.last ?? []).filter(\.changed).map(\.process) : [])
        return replay.hosts.map { id in
            let crashed = simulation.isCrashed(id)
            if let state = simulation.process(id).flatMap({ SlideNotation.state(of: $0, crashed: crashed) }) {
                return SessionView.ProcessView(id: "\(id)", title: state.title, lines: state.lines, crashed: crashed, changed: changed.contains(id))
            }
            return SessionView.ProcessView(id: "\(id)", title: "Client \(id)" + (crashed ? " (crashed)" : ""), lines: [], crashed: crashed, changed: false)
        }
    }

    private static func pendingView(_ event: PendingEvent<Machine>) -> SessionView.PendingView {
        let (kind, moves): (String, [String])
        switch event.kind {
        case .start: (kind, moves) = ("start", ["start"])
        case .message(let envelope):
            if case .snapshot = envelope.message {
                (kind, moves) = ("message", ["deliver", "drop"])
            } else {
                (kind, moves) = ("message", ["deliver", "drop", "duplicate"])
            }
        case .timer: (kind, moves) = ("timer", ["fire"])
        case .fault: (kind, moves) = ("fault", ["apply"])
        }
        return SessionView.PendingView(id: event.id, time: event.time, kind: kind, text: summary(event), moves: moves)
    }

    /// E.g. `l0/s1 → a0 p1a(0.0)`: the event without its id and time.
    private static func summary(_ event: PendingEvent<Machine>) -> String {
        switch event.kind {
        case .start(let leader): "start \(leader)"
        case .message(let envelope): "\(envelope.source) → \(envelope.destination) \(envelope.message)"
        case .timer(let process, let timer): "\(process) timer \(timer)"
        case .fault(let fault): fault.description
        }
    }

    /// What performing `event` does, e.g. `deliver l0/s1 → a0 p1a(0.0)`.
    private static func label(_ event: PendingEvent<Machine>) -> String {
        switch event.kind {
        case .start: summary(event)
        case .message: "deliver " + summary(event)
        case .timer: "fire " + summary(event)
        case .fault: "apply " + summary(event)
        }
    }
}

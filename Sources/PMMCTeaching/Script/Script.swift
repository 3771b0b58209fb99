import PMMCTrace
import PMMC
import PMMCSimulation

/// Drives a simulation by hand and records a ``Transcript`` as it goes: each ``step(_:show:_:)``
/// is one scheduling decision with its narration, the events it caused, and the state of the
/// processes it touched.
///
/// ```swift
/// let script = try Script<Ledger>(title: "…", lesson: "…", options: options, lanes: lanes)
/// try script.step("l0 starts and spawns scout l0/s1") { try $0.start(.leader(0)) }
/// try script.outcome("Branch A: …") { branch in … }
/// try script.outcome("Or… Branch B: …") { branch in … }
/// return script.transcript
/// ```
public final class Script<Machine: StateMachine> {
    /// The simulation this script drives; a step's action may also read it.
    public let simulation: Simulation<Machine>
    private let recorder: Recorder
    private let part: Int
    private let watched: [ProcessID]
    /// The state lines each shown process had after the last step of this line of the story.
    private var lastStates: [ProcessID: [String]] = [:]

    /// What every line of the story (the main one and each outcome) writes into.
    private final class Recorder {
        var transcript: Transcript
        var events: [TraceEvent] = []
        var stepCount = 0

        init(transcript: Transcript) {
            self.transcript = transcript
        }
    }

    /// A script on a new simulation of `options`. `lanes` are the processes drawn, left to right;
    /// the states of `watched` (all lanes by default) are shown when a step touches or changes
    /// them. `heading` names the first part, for a story that is told again under other settings.
    public init(
        title: String, lesson: String, options: SimulationOptions, lanes: [ProcessID], watched: [ProcessID]? = nil,
        heading: String? = nil
    ) throws(WalkthroughError) {
        do {
            simulation = try Simulation(options: options)
        } catch {
            throw WalkthroughError(step: 0, reason: error.description)
        }
        recorder = Recorder(transcript: Transcript(title: title, lesson: lesson, lanes: lanes, parts: [Transcript.Part(heading: heading, recording: ScriptRecording(simulation))]))
        part = 0
        self.watched = watched ?? lanes
        let recorder = recorder
        simulation.trace = { recorder.events.append($0) }
        lastStates = Dictionary(uniqueKeysWithValues: self.watched.compactMap { id in stateLines(of: id).map { (id, $0) } })
    }

    private init(retelling parent: Script, heading: String, options: SimulationOptions) throws(WalkthroughError) {
        do {
            simulation = try Simulation(options: options)
        } catch {
            throw WalkthroughError(step: parent.recorder.stepCount, reason: error.description)
        }
        recorder = parent.recorder
        recorder.transcript.parts.append(Transcript.Part(heading: heading, recording: ScriptRecording(simulation)))
        part = recorder.transcript.parts.count - 1
        watched = parent.watched
        let recorder = recorder
        simulation.trace = { recorder.events.append($0) }
        lastStates = Dictionary(uniqueKeysWithValues: watched.compactMap { id in stateLines(of: id).map { (id, $0) } })
    }

    private init(forking parent: Script, heading: String) {
        simulation = parent.simulation.fork()
        recorder = parent.recorder
        recorder.transcript.parts.append(Transcript.Part(heading: heading, forksFrom: parent.part, recording: ScriptRecording(simulation)))
        part = recorder.transcript.parts.count - 1
        watched = parent.watched
        lastStates = parent.lastStates
    }

    /// The story so far. Its lanes are the ones asked for, then any other process the story's
    /// events involve, in id order, so that every message has a line to start and end on.
    public var transcript: Transcript {
        var transcript = recorder.transcript
        let named = Set(transcript.lanes)
        let involved = transcript.parts.flatMap(\.steps).flatMap(\.events)
            .flatMap { [$0.source?.host, $0.destination?.host].compactMap { $0 } }
        transcript.lanes += Set(involved).subtracting(named).sorted()
        return transcript
    }

    /// Runs `action` on the simulation as one step. The step shows the state of every lane it
    /// touched (a delivery's receiver, a timer's owner, a crashed process) or changed, plus
    /// those in `show`. With `quiet`, only decisions and crashes are listed among its events:
    /// for setting the scene in bulk.
    public func step(
        _ narration: String, show: [ProcessID] = [], quiet: Bool = false,
        _ action: (Simulation<Machine>) throws(SimulationError) -> Void
    ) throws(WalkthroughError) {
        recorder.stepCount += 1
        recorder.events.removeAll()
        do {
            try action(simulation)
        } catch {
            throw WalkthroughError(step: recorder.stepCount, reason: error.description)
        }
        if let violation = simulation.violation {
            throw WalkthroughError(step: recorder.stepCount, reason: "invariant violated: \(violation)")
        }
        let events = quiet ? recorder.events.filter { [.decide, .crash].contains($0.kind) } : recorder.events
        let touched = Set(recorder.events.flatMap(touchedProcesses)).union(show)
        var panels: [Transcript.Panel] = []
        for id in watched {
            guard let lines = stateLines(of: id) else { continue }
            let previous = lastStates[id]
            let changed = previous != lines
            lastStates[id] = lines
            guard changed || touched.contains(id), var state = currentState(of: id) else { continue }
            state.changed = changed
            if changed, let previous { state.previousLines = Array(previous.dropFirst()) }
            panels.append(.state(state))
        }
        recorder.transcript.parts[part].steps.append(
            Transcript.Step(number: recorder.stepCount, narration: narration, events: events, panels: panels,
                            actionCount: simulation.log.count))
        recorder.transcript.parts[part].recording = ScriptRecording(simulation)
    }

    /// The usual first step, quiet: `leader` starts and is elected by `acceptors` (phase 1
    /// with their first majority), so the story begins with an active leader.
    public func setUpElection(of leader: ProcessID, by acceptors: [ProcessID]) throws(WalkthroughError) {
        guard case .leader(let index) = leader else {
            throw WalkthroughError(step: recorder.stepCount + 1, reason: "\(leader) is not a leader")
        }
        try step("Set-up: \(leader) is elected with ballot \(Ballot(round: 0, leader: index))", show: [leader], quiet: true) {
            simulation throws(SimulationError) in
            try simulation.start(leader)
            try simulation.elect(leader, by: acceptors)
        }
    }

    /// Adds a table to the last step, e.g. single-decree Paxos's per-node state.
    public func attach(_ table: StateTable) {
        let steps = recorder.transcript.parts[part].steps
        guard !steps.isEmpty else { return }
        recorder.transcript.parts[part].steps[steps.count - 1].panels.append(.table(table))
    }

    /// Tells one outcome of the story from the current state, under `heading`, on a fork of
    /// the simulation; this script stays at the fork for the next outcome.
    public func outcome(_ heading: String, _ story: (Script) throws(WalkthroughError) -> Void) throws(WalkthroughError) {
        try story(Script(forking: self, heading: heading))
    }

    /// Tells the story again from the start on a new simulation of `options` (other settings,
    /// say), under `heading`.
    public func retell(_ heading: String, options: SimulationOptions, _ story: (Script) throws(WalkthroughError) -> Void) throws(WalkthroughError) {
        try story(Script(retelling: self, heading: heading, options: options))
    }

    /// Records invariant `name` with whether `holds` is true of this line of the story.
    public func check(_ name: String, _ statement: String, holds: Bool, _ detail: String) {
        recorder.transcript.checks.append(Transcript.Check(name: name, statement: statement, holds: holds, detail: detail))
    }

    private func currentState(of id: ProcessID) -> ProcessState? {
        simulation.process(id).flatMap { SlideNotation.state(of: $0, crashed: simulation.isCrashed(id)) }
    }

    private func stateLines(of id: ProcessID) -> [String]? {
        currentState(of: id).map { [$0.title] + $0.lines }
    }

    private func touchedProcesses(_ event: TraceEvent) -> [ProcessID] {
        switch event.kind {
        case .deliver: [event.destination?.host].compactMap { $0 }
        case .timer, .crash, .restart, .decide, .apply, .respond: [event.source?.host].compactMap { $0 }
        case .send, .drop, .duplicate, .spawn, .exit, .partition, .heal, .network: []
        }
    }
}

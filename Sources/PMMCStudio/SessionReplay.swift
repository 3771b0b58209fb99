import PMMC
import PMMCSimulation
import PMMCTeaching
import PMMCTrace

/// A simulation rebuilt by replaying a timeline's entries on a fresh one, with what each
/// entry caused: its trace events and the states it changed.
final class SessionReplay<Machine: StudioMachine> {
    let simulation: Simulation<Machine>
    /// Per entry carried out: the events it caused, in order.
    private(set) var events: [[TraceEvent]] = []
    /// Per entry carried out: the slide states it changed or touched.
    private(set) var panels: [[ProcessState]] = []
    private let collected: EventBuffer
    private var lastLines: [ProcessID: [String]] = [:]

    private final class EventBuffer {
        var events: [TraceEvent] = []
    }

    init(options: SimulationOptions) throws(StudioError) {
        do {
            simulation = try Simulation(options: options)
        } catch {
            throw .badRequest(error.description)
        }
        let collected = EventBuffer()
        self.collected = collected
        simulation.trace = { collected.events.append($0) }
        lastLines = currentLines()
    }

    /// Carries out `actions` as one entry.
    func apply(_ actions: [ScriptedAction<Machine>]) throws(StudioError) {
        collected.events.removeAll()
        for action in actions {
            do {
                try simulation.replay(action)
            } catch {
                throw .conflict(error.description)
            }
        }
        events.append(collected.events)
        let lines = currentLines()
        let touched = Set(collected.events.compactMap { event -> ProcessID? in
            event.kind == .deliver ? event.destination?.host : nil
        })
        panels.append(states().filter { lines[$0.process] != lastLines[$0.process] || touched.contains($0.process) }
            .map { state in
                var state = state
                state.changed = lines[state.process] != lastLines[state.process]
                return state
            })
        lastLines = lines
    }

    /// The hosts (clients, replicas, leaders, acceptors), in id order.
    var hosts: [ProcessID] {
        simulation.processIDs.filter { $0.host == $0 }
    }

    /// The slide states of the hosts the slides draw.
    func states() -> [ProcessState] {
        hosts.compactMap { id in
            simulation.process(id).flatMap { SlideNotation.state(of: $0, crashed: simulation.isCrashed(id)) }
        }
    }

    /// Every event so far, in order.
    var allEvents: [TraceEvent] { events.flatMap { $0 } }

    private func currentLines() -> [ProcessID: [String]] {
        Dictionary(uniqueKeysWithValues: states().map { ($0.process, [$0.title] + $0.lines) })
    }
}

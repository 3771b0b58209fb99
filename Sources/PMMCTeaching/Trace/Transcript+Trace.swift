import PMMC
import PMMCSimulation

extension Transcript {
    /// The transcript of a plain trace, such as a ``TraceFile``'s events: one step per instant
    /// of virtual time, narrated `t=12`, holding that instant's events in order.
    ///
    /// The lanes are the hosts of every process the included events name, clients first, then
    /// replicas, leaders and acceptors, each by index; a scout or commander is drawn on its
    /// leader's lane. A trace records no states and no checks, so the steps have no panels,
    /// the transcript no checks, and the lesson is empty. There is one part, without a heading.
    ///
    /// - Parameters:
    ///   - trace: The events in the order they happened, times never decreasing.
    ///   - title: The transcript's heading.
    ///   - window: Which events to include; all by default.
    public init(trace: some Sequence<TraceEvent>, title: String, window: TraceWindow = .all) {
        var steps: [Transcript.Step] = []
        var included = 0
        for event in trace {
            if let from = window.from, event.time < from { continue }
            if let to = window.to, event.time > to { break }
            if let maxEvents = window.maxEvents, included >= maxEvents { break }
            if steps.last?.events.first?.time != event.time {
                if let maxSteps = window.maxSteps, steps.count >= maxSteps { break }
                steps.append(Transcript.Step(number: steps.count + 1, narration: "t=\(event.time)"))
            }
            steps[steps.count - 1].events.append(event)
            included += 1
        }
        let processes = steps.lazy.flatMap(\.events).flatMap { [$0.source, $0.destination] }.compactMap { $0?.host }
        self.init(title: title, lanes: Set(processes).sorted(), parts: [Part(steps: steps)])
    }
}

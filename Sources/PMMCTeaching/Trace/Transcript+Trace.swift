import PMMC
import PMMCTrace

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
        var steps = PlainTraceSteps(window: window)
        for event in trace where !steps.add(event) {
            break
        }
        self = steps.transcript(title: title)
    }

    /// The transcript of the trace `reader` reads, as ``init(trace:title:window:)`` makes it,
    /// reading no further than the window needs: the events after it stay unread.
    ///
    /// - Returns: The transcript, and whether the trace has events past the window's end.
    /// - Throws: ``TraceFileError`` for a malformed line read on the way.
    public static func reading(
        _ reader: inout TraceReader, title: String, window: TraceWindow = .all
    ) throws(TraceFileError) -> (transcript: Transcript, more: Bool) {
        var steps = PlainTraceSteps(window: window)
        while let event = try reader.next() {
            guard steps.add(event) else { return (steps.transcript(title: title), true) }
        }
        return (steps.transcript(title: title), false)
    }
}

/// Collects a plain trace's events into steps, one per instant, within a window.
private struct PlainTraceSteps {
    let window: TraceWindow
    private var steps: [Transcript.Step] = []
    private var included = 0

    init(window: TraceWindow) {
        self.window = window
    }

    /// Adds `event` if the window includes it. Returns false once the window is full or past.
    mutating func add(_ event: TraceEvent) -> Bool {
        if let from = window.from, event.time < from { return true }
        if let to = window.to, event.time > to { return false }
        if let maxEvents = window.maxEvents, included >= maxEvents { return false }
        if steps.last?.events.first?.time != event.time {
            if let maxSteps = window.maxSteps, steps.count >= maxSteps { return false }
            steps.append(Transcript.Step(number: steps.count + 1, narration: "t=\(event.time)"))
        }
        steps[steps.count - 1].events.append(event)
        included += 1
        return true
    }

    func transcript(title: String) -> Transcript {
        let processes = steps.lazy.flatMap(\.events).flatMap { [$0.source, $0.destination] }.compactMap { $0?.host }
        return Transcript(title: title, lanes: Set(processes).sorted(), parts: [Transcript.Part(steps: steps)])
    }
}

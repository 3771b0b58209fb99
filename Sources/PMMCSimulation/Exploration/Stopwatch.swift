/// Wall-clock time since a search started: for its time bound, its report of states per
/// second, and its progress reports. Nothing a search finds depends on it, only when it stops.
struct Stopwatch {
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastReport: ContinuousClock.Instant

    init() {
        started = clock.now
        lastReport = started
    }

    /// Seconds since the start.
    var seconds: Double {
        let duration = clock.now - started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Whether a second has passed since the start or since it last said so.
    mutating func reportDue() -> Bool {
        let now = clock.now
        guard now - lastReport >= .seconds(1) else { return false }
        lastReport = now
        return true
    }
}

import PMMC
import PMMCHost

extension Explorer {
    /// Random walks, as DSLabs' random depth-first search: for a space too large to visit
    /// whole, `walks` schedules of up to ``ExplorationSettings/maxDepth`` steps (100 if unset),
    /// each step chosen by a generator seeded with `seed`, every state checked as the search
    /// checks it. The first violation or goal is shrunk to a schedule from which no step can
    /// be left out without losing it, and returned with it. One seed gives one result.
    public func walk(
        _ walks: Int, seed: UInt64, progress: ((ExplorationProgress) -> Void)? = nil
    ) throws(SimulationError) -> ExplorationResult<Machine> {
        var stopwatch = Stopwatch()
        let initial = try ExplorationHost(initial: settings, observer: Unobserved<Machine>())
        var random = SeededRandom(seed: seed)
        var enabled: [(step: ExplorationStep<Machine>, position: Int)] = []
        var steps = 0
        var deepest = 0
        let maxDepth = settings.maxDepth ?? 100
        for walk in 0..<walks {
            var host = initial
            var schedule: [ExplorationStep<Machine>] = []
            while schedule.count < maxDepth {
                successors(of: host.state, into: &enabled)
                guard !enabled.isEmpty else { break }
                let choice = enabled[random.uniform(in: 0...enabled.count - 1)]
                host.depth += 1
                host.take(choice.step, at: choice.position)
                schedule.append(choice.step)
                steps += 1
                let outcome = host.violation.map { .violation(.invariant($0)) } ?? verdict(of: host.state)
                if let outcome {
                    let (shortest, state, shrunk) = shrink(schedule, keeping: outcome)
                    return ExplorationResult(outcome: shrunk, states: steps, transitions: steps, depth: max(deepest, schedule.count),
                                             seconds: stopwatch.seconds, schedule: shortest, finalState: state)
                }
                if let timeLimit = settings.timeLimit, steps & 1023 == 0, stopwatch.seconds >= timeLimit {
                    return ExplorationResult(outcome: .bound(.time), states: steps, transitions: steps, depth: deepest,
                                             seconds: stopwatch.seconds, schedule: [], finalState: nil)
                }
            }
            deepest = max(deepest, schedule.count)
            if let progress, stopwatch.reportDue() {
                progress(ExplorationProgress(states: steps, depth: deepest, frontier: walks - walk - 1, seconds: stopwatch.seconds))
            }
        }
        return ExplorationResult(outcome: .bound(.walks), states: steps, transitions: steps, depth: deepest,
                                 seconds: stopwatch.seconds, schedule: [], finalState: nil)
    }

    /// Leaves steps out of `schedule` (halves first, then smaller runs, down to single steps)
    /// while what remains still reaches a violation of the same kind as `outcome` (the same
    /// invariant, predicate or goal). Returns the shortest schedule found, its final state and
    /// its outcome.
    func shrink(
        _ schedule: [ExplorationStep<Machine>], keeping outcome: ExplorationResult<Machine>.Outcome
    ) -> ([ExplorationStep<Machine>], ExplorationState<Machine>?, ExplorationResult<Machine>.Outcome) {
        var best = schedule
        var bestState = replay(schedule, until: outcome)?.state
        var bestOutcome = outcome
        var chunk = max(1, best.count / 2)
        while true {
            var start = 0
            var removedAny = false
            while start < best.count {
                var candidate = best
                candidate.removeSubrange(start..<min(start + chunk, best.count))
                if let found = replay(candidate, until: outcome) {
                    best = found.schedule
                    bestState = found.state
                    bestOutcome = found.outcome
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if chunk == 1 && !removedAny { break }
            if !removedAny { chunk = max(1, chunk / 2) }
        }
        return (best, bestState, bestOutcome)
    }

    /// Takes `schedule` from the initial state until an outcome like `outcome` happens:
    /// returns the steps taken to it, the state and the outcome; `nil` if a step is not
    /// possible or the schedule ends first.
    private func replay(
        _ schedule: [ExplorationStep<Machine>], until outcome: ExplorationResult<Machine>.Outcome
    ) -> (schedule: [ExplorationStep<Machine>], state: ExplorationState<Machine>, outcome: ExplorationResult<Machine>.Outcome)? {
        guard var host = try? ExplorationHost(initial: settings, observer: Unobserved<Machine>()) else { return nil }
        for (number, step) in schedule.enumerated() {
            host.depth += 1
            guard host.take(step) else { return nil }
            let found = host.violation.map { .violation(.invariant($0)) } ?? verdict(of: host.state)
            if let found {
                return Self.sameKind(found, outcome) ? (Array(schedule[...number]), host.state, found) : nil
            }
        }
        return nil
    }

    private static func sameKind(_ one: ExplorationResult<Machine>.Outcome, _ other: ExplorationResult<Machine>.Outcome) -> Bool {
        switch (one, other) {
        case let (.violation(.invariant(left)), .violation(.invariant(right))): left.invariant == right.invariant
        case let (.violation(.predicate(left)), .violation(.predicate(right))): left == right
        case (.violation(.stuck), .violation(.stuck)): true
        case let (.goal(left), .goal(right)): left == right
        case (.violation, _), (.goal, _), (.exhausted, _), (.bound, _): false
        }
    }
}

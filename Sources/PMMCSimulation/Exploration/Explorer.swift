import PMMC
import PMMCTrace

/// Breadth-first search over every order in which a small cluster's messages can be
/// delivered (optionally lost, duplicated, and its timers fired), as DSLabs' model checker
/// does: each distinct state is visited once, the paper's invariants and the settings'
/// predicates are checked in every state, and the first violation comes with a shortest
/// schedule that reaches it.
///
/// ```swift
/// var settings = ExplorationSettings<KeyValueStore>(workload: [[.put(key: "k", value: "v")]])
/// let result = try Explorer(settings).run()
/// // result.outcome == .exhausted, result.states == …
/// let trace = try Explorer(settings).trace(of: result.schedule)   // for pmmc render
/// ```
public struct Explorer<Machine: StateMachine & Hashable> {
    public let settings: ExplorationSettings<Machine>

    /// A search of `settings`.
    public init(_ settings: ExplorationSettings<Machine>) {
        self.settings = settings
    }

    private struct Node {
        let index: Int
        let state: ExplorationState<Machine>
        let monitor: InvariantMonitor<Machine>
        let depth: Int
    }

    /// Searches until every state is visited, a violation or goal is found, or a bound is
    /// reached. `progress` is called about once a second.
    ///
    /// The search starts from the state `prefix` reaches (by default the initial state), so a
    /// long counterexample can be found in phases, as DSLabs' tests do: first a schedule to a
    /// goal, then a search from there. The result's schedule starts with `prefix`, and
    /// depths count from its end.
    public func run(
        after prefix: [ExplorationStep<Machine>] = [], progress: ((ExplorationProgress) -> Void)? = nil
    ) throws(SimulationError) -> ExplorationResult<Machine> {
        var stopwatch = Stopwatch()
        var initial = try ExplorationHost(initial: settings, observer: Unobserved<Machine>())
        for step in prefix {
            initial.depth += 1
            guard initial.take(step) else { throw .noSuchEvent(step.description) }
        }
        var visited: Set<ExplorationState<Machine>> = [initial.state]
        var parents: [Int] = [-1]
        var steps: [ExplorationStep<Machine>?] = [nil]
        var frontier = [Node(index: 0, state: initial.state, monitor: initial.monitor, depth: 0)]
        var head = 0
        var transitions = 0
        var deepest = 0
        var cutByDepth = false

        func finish(_ outcome: ExplorationResult<Machine>.Outcome, at index: Int? = nil, state: ExplorationState<Machine>? = nil) -> ExplorationResult<Machine> {
            var schedule: [ExplorationStep<Machine>] = []
            var cursor = index ?? 0
            while index != nil, let step = steps[cursor] {
                schedule.append(step)
                cursor = parents[cursor]
            }
            return ExplorationResult(outcome: outcome, states: visited.count, transitions: transitions, depth: deepest,
                                     seconds: stopwatch.seconds, schedule: index == nil ? [] : prefix + schedule.reversed(), finalState: state)
        }

        if let violation = initial.violation { return finish(.violation(.invariant(violation)), at: 0, state: initial.state) }
        if let outcome = verdict(of: initial.state) { return finish(outcome, at: 0, state: initial.state) }
        /// One host for every step, so that its spare outboxes are reused.
        var host = initial
        var enabled: [(step: ExplorationStep<Machine>, position: Int)] = []
        while head < frontier.count {
            let node = frontier[head]
            head += 1
            if head >= 4096, head * 2 >= frontier.count {
                frontier.removeFirst(head)
                head = 0
            }
            deepest = max(deepest, node.depth)
            if let maxDepth = settings.maxDepth, node.depth >= maxDepth {
                cutByDepth = cutByDepth || node.state.messageCount > 0 || !node.state.timers.isEmpty
                continue
            }
            successors(of: node.state, into: &enabled)
            for step in enabled {
                host.reset(to: node.state, monitor: node.monitor, depth: node.depth + 1)
                host.take(step.step, at: step.position)
                transitions += 1
                if let violation = host.violation {
                    deepest = max(deepest, node.depth + 1)
                    parents.append(node.index)
                    steps.append(step.step)
                    return finish(.violation(.invariant(violation)), at: parents.count - 1, state: host.state)
                }
                guard visited.insert(host.state).inserted else { continue }
                parents.append(node.index)
                steps.append(step.step)
                let index = parents.count - 1
                if let outcome = verdict(of: host.state) {
                    deepest = max(deepest, node.depth + 1)
                    return finish(outcome, at: index, state: host.state)
                }
                if let maxStates = settings.maxStates, visited.count >= maxStates {
                    return finish(.bound(.states))
                }
                if settings.prunes.contains(where: { $0.test(host.state) }) { continue }
                frontier.append(Node(index: index, state: host.state, monitor: host.monitor, depth: node.depth + 1))
            }
            if visited.count & 1023 == 0 || head & 1023 == 0 {
                if let timeLimit = settings.timeLimit, stopwatch.seconds >= timeLimit { return finish(.bound(.time)) }
                if let progress, stopwatch.reportDue() {
                    progress(ExplorationProgress(states: visited.count, depth: node.depth, frontier: frontier.count - head,
                                                 seconds: stopwatch.seconds))
                }
            }
        }
        return finish(cutByDepth ? .bound(.depth) : .exhausted)
    }

    /// The violation or goal of a state seen for the first time, if any.
    func verdict(of state: ExplorationState<Machine>) -> ExplorationResult<Machine>.Outcome? {
        if let broken = settings.invariants.first(where: { !$0.test(state) }) {
            return .violation(.predicate(broken.name))
        }
        if settings.checkQuiescence, settings.timers || !settings.drops, !state.allOperationsCompleted,
           state.messageCount == 0, state.timers.isEmpty {
            return .violation(.stuck(operationsLeft: state.operationsLeft))
        }
        if let goal = settings.goals.first(where: { $0.test(state) }) {
            return .goal(goal.name)
        }
        return nil
    }

    /// Puts into `result` every step enabled in `state`, each with the position of its message or timer: each
    /// distinct message in flight delivered (and, if allowed and it crosses machines, lost or
    /// duplicated), then each distinct timer fired.
    func successors(of state: ExplorationState<Machine>, into result: inout [(step: ExplorationStep<Machine>, position: Int)]) {
        result.removeAll(keepingCapacity: true)
        for position in 0..<state.messageCount where state.isFirstCopy(at: position) {
            let envelope = state.message(at: position)
            result.append((.deliver(envelope), position))
            guard envelope.source.host != envelope.destination.host else { continue }
            if settings.duplicates { result.append((.duplicate(envelope), position)) }
            if settings.drops { result.append((.drop(envelope), position)) }
        }
        let timers = state.timers
        for position in timers.indices where !timers[..<position].contains(timers[position]) {
            result.append((.fire(timers[position]), position))
        }
    }

    /// The state `schedule` reaches from the initial state. Throws if a step names a message
    /// or timer that is not there.
    public func state(after schedule: [ExplorationStep<Machine>]) throws(SimulationError) -> ExplorationState<Machine> {
        var host = try ExplorationHost(initial: settings, observer: Unobserved<Machine>())
        for step in schedule {
            host.depth += 1
            guard host.take(step) else { throw .noSuchEvent(step.description) }
        }
        return host.state
    }

    /// The trace of `schedule` taken from the initial state, one tick per step, as
    /// `pmmc render` draws it. Throws if a step names a message or timer that is not there.
    public func trace(of schedule: [ExplorationStep<Machine>]) throws(SimulationError) -> [TraceEvent] {
        var host = try ExplorationHost(initial: settings, observer: TraceRecorder<Machine>())
        for step in schedule {
            host.depth += 1
            host.observer.time = host.depth
            guard host.take(step) else { throw .noSuchEvent(step.description) }
        }
        return host.observer.events
    }
}

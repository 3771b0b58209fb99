import PMMC
import PMMCHost
import PMMCTrace
import Synchronization

/// Routes messages between process actors by ``ProcessID``, fires their timers on a real
/// clock, and injects faults: loss, extra delay, partitions and crashes.
///
/// A send looks the receiver up and puts the message in its mailbox; it never waits for the
/// receiver. With no faults, messages between two processes arrive in the order sent, because
/// each sender's sends happen one after another and each mailbox is a FIFO queue. A leader and
/// its scouts and commanders share a host: messages among them are never lost, delayed or cut
/// by a partition, and they crash together. They share an actor too: the registry maps a
/// child's id to its leader's actor and mailbox, which hosts it.
final class MessageBus<Machine: StateMachine>: Sendable {
    private struct Entry {
        let actor: ProcessActor<Machine>
        let mailbox: Mailbox<Machine>
    }

    private struct State: Sendable {
        var processes = ProcessRegistry<Entry>()
        var tasks: [ProcessID: Task<Void, Never>] = [:]
        var timerTask: Task<Void, Never>?
        var crashed: Set<ProcessID> = []
        var partition: [ProcessID: Int]?
        var faults: NetworkFaults
        var random: SeededRandom
        var statistics = RuntimeStatistics()
        var closed = false
        /// The id the next message sent gets, for the event stream and the trace.
        var nextMessageID = 0

        func isCrashed(_ id: ProcessID) -> Bool {
            !crashed.isEmpty && (crashed.contains(id) || crashed.contains(id.host))
        }

        func separated(_ source: ProcessID, _ destination: ProcessID) -> Bool {
            guard let partition else { return false }
            return partition[source.host] ?? -1 != partition[destination.host] ?? -1
        }
    }

    /// Where a message goes.
    private enum Route {
        case deliver(Mailbox<Machine>)
        case drop(TraceEvent.DropReason)
        /// Held back until a deadline (``NetworkFaults/extraDelay``).
        case delayed
        /// The cluster is shut down.
        case ignored
    }

    /// The real duration of one tick.
    let tick: Duration
    /// ``tick`` in nanoseconds, the unit of the actors' timer deadlines (``ActorTimers``).
    let tickNanoseconds: Int
    private let state: Locked<State>
    /// A listener to events, with or without their times.
    private enum Subscriber: Sendable {
        case plain(AsyncStream<RuntimeEvent<Machine>>.Continuation)
        case timed(AsyncStream<TimedRuntimeEvent<Machine>>.Continuation)

        func finish() {
            switch self {
            case .plain(let continuation): continuation.finish()
            case .timed(let continuation): continuation.finish()
            }
        }
    }

    private let subscribers = Locked<[Int: Subscriber]>([:])
    /// When the bus was made: event times count from here.
    private let createdAt: ContinuousClock.Instant
    /// The actors' wake-ups and the delayed messages, under a lock of their own, so that the
    /// timer loop's work does not hold up sends. Where both locks are taken, the bus's comes
    /// first.
    private let timers: Locked<TimerQueue<Machine>>
    /// Timers fired and timers cancelled when their process exited or crashed, as the actors
    /// count them (``RuntimeStatistics``).
    private let timersFired = Atomic<Int>(0)
    private let timersCancelled = Atomic<Int>(0)
    private let observed = Atomic<Bool>(false)
    private let nextSubscriber = Atomic<Int>(0)
    private let running = Atomic<Int>(0)
    private let actors = Atomic<Int>(0)

    init(tick: Duration, faults: NetworkFaults) {
        let origin = ContinuousClock.now
        self.tick = tick
        self.tickNanoseconds = Self.nanoseconds(tick)
        self.createdAt = origin
        timers = Locked(TimerQueue(origin: origin))
        state = Locked(State(faults: faults, random: SeededRandom(seed: faults.seed)))
    }

    // MARK: Processes

    /// Starts each of `processes` on a task of its own, and returns their actors in order. It
    /// starts all of them or none: it throws ``RuntimeError/processExists(_:)`` if an id is
    /// taken by a live or crashed process (or named twice), and ``RuntimeError/shutDown``
    /// after shutdown. Scouts and commanders are not started here: their leader's actor
    /// hosts them (``adopt(_:by:)``).
    @discardableResult
    func start(_ processes: [Role<Machine>]) throws(RuntimeError) -> [ProcessActor<Machine>] {
        let entries = processes.map { process in
            let mailbox = Mailbox<Machine>()
            return Entry(actor: ProcessActor(process: process, mailbox: mailbox, bus: self), mailbox: mailbox)
        }
        try state.withLock { state throws(RuntimeError) in
            guard !state.closed else { throw .shutDown }
            var ids: Set<ProcessID> = []
            for process in processes {
                let id = process.id
                precondition(id.host == id, "\(id) is started by its leader's actor, not on a task of its own")
                guard state.processes[id] == nil, ids.insert(id).inserted else { throw .processExists(id) }
            }
            for (process, entry) in zip(processes, entries) {
                state.statistics.host.countSpawn(of: process)
                let id = process.id
                state.processes.insert(entry, for: id)
                running.add(1, ordering: .relaxed)
                state.tasks[id] = Task {
                    await entry.actor.run()
                    self.finished(id)
                }
            }
        }
        // A closure, not the key path `\.actor`: with the key path, cross-module optimization
        // does not serialize this function's body, so a module that uses `Cluster<KeyValueStore>`
        // cannot specialize it, and the drain loops of the tasks it starts, and all they call
        // (handlers, effects, sends, spawns), run generic: a third of a batched run's samples
        // were generic metadata lookups (Docs/Runtime.md, "Specialized hot path").
        return entries.map { $0.actor }
    }

    /// Leader `parent` spawned its scout or commander `child`, which its actor will host:
    /// messages and timers for `child` go to the leader's mailbox from now on. Returns whether
    /// the child may start: not if the leader has crashed or the cluster has shut down. The
    /// `spawned` event is given out here, before the child can act, so a child's first
    /// message never comes before its spawn. A child under a live child's id is a bug in the
    /// leader's role.
    func adopt(_ child: Role<Machine>, by parent: ProcessID) -> Bool {
        let id = child.id
        precondition(id.host == parent, "\(parent) spawned \(id), which is not its child")
        return state.withLock { state in
            guard !state.closed, !state.isCrashed(parent), state.processes.contains(parent) else { return false }
            let adopted = state.processes.adopt(id) != nil
            precondition(adopted, "\(parent) spawned \(id), which already exists")
            state.statistics.host.countSpawn(of: child)
            emit(.spawned(id, by: parent))
            return true
        }
    }

    /// Process `id` has finished: it is forgotten, and its actor dropped the
    /// `cancelledTimers` it held for it. A process on a task of its own has its drain loop
    /// ended and its actor's wake-up cancelled; a scout or commander is forgotten by its
    /// leader's actor, which carries out the exit.
    func exit(_ id: ProcessID, cancelledTimers: Int) {
        let entry = state.withLock { state in
            state.processes.remove(id)
        }
        timersCancelled.add(cancelledTimers, ordering: .relaxed)
        if id.host == id {
            timers.withLock { $0.cancelWake(of: id) }
            entry?.mailbox.stop()
        }
        emit(.exited(id))
    }

    private func finished(_ id: ProcessID) {
        state.withLock { state in
            state.tasks[id] = nil
            running.subtract(1, ordering: .relaxed)
        }
    }

    /// The actor of a live (or crashed) process.
    func actor(_ id: ProcessID) -> ProcessActor<Machine>? {
        state.withLock { $0.processes[id]?.actor }
    }

    /// The ids of every live or crashed process that is not a scout or commander, in order.
    var hosts: [ProcessID] {
        state.withLock { $0.processes.hosts }
    }

    /// How many process actors exist, live or not yet released.
    var liveActors: Int { actors.load(ordering: .relaxed) }

    func actorCreated() {
        actors.add(1, ordering: .relaxed)
    }

    func actorReleased() {
        actors.subtract(1, ordering: .relaxed)
    }

    /// The monotonic time since the bus was made, in whole ticks: the time the process actors
    /// give their roles (``Outbox/now``), in the unit the roles' timers use.
    var now: Int { ticks(at: .now) }

    /// `instant` as the time since the bus was made, in whole ticks (see ``now``).
    func ticks(at instant: ContinuousClock.Instant) -> Int { Int((instant - createdAt) / tick) }

    /// `instant` as the time since the bus was made, in nanoseconds: the unit of the actors'
    /// timer deadlines (``ActorTimers``).
    func nanoseconds(at instant: ContinuousClock.Instant) -> Int {
        Self.nanoseconds(instant - createdAt)
    }

    private static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }

    /// How many tasks (process drain loops and the timer loop) are running.
    var runningTasks: Int { running.load(ordering: .relaxed) }

    // MARK: Messages

    /// Sends each message from `source` to its destination, in order, taking the lock once.
    /// `posts` is scratch space the caller keeps, to spare an allocation per call.
    func send(
        _ messages: [(Message<Machine>, ProcessID)], from source: ProcessID,
        scratch posts: inout [(Mailbox<Machine>, Delivery<Machine>)]
    ) {
        let observing = isObserved
        var drops: [(Envelope<Machine>, Int, TraceEvent.DropReason)] = []
        state.withLock { state in
            for (message, destination) in messages {
                let id = state.nextMessageID
                state.nextMessageID += 1
                if observing {
                    // Under the lock, so that no delivery of a delayed copy, which the timer
                    // loop makes under the lock too, can be seen before its send.
                    emit(.sent(Envelope(source: source, destination: destination, message: message), id: id))
                }
                switch Self.route(message, from: source, to: destination, id: id, injectingFaults: true, in: &state, timers: timers, tick: tick) {
                case .deliver(let mailbox): posts.append((mailbox, .message(message, from: source, to: destination, id: id)))
                case .drop(let reason) where observing:
                    drops.append((Envelope(source: source, destination: destination, message: message), id, reason))
                case .drop, .delayed, .ignored: break
                }
            }
        }
        for (envelope, id, reason) in drops {
            emit(.dropped(envelope, id: id, reason: reason))
        }
        for (mailbox, delivery) in posts {
            mailbox.post(delivery)
        }
        posts.removeAll(keepingCapacity: true)
    }

    private static func route(
        _ message: Message<Machine>, from source: ProcessID, to destination: ProcessID, id: Int, injectingFaults: Bool,
        in state: inout State, timers: Locked<TimerQueue<Machine>>, tick: Duration
    ) -> Route {
        guard !state.closed else { return .ignored }
        if injectingFaults { state.statistics.host.countSent(message.kind) }
        let route = routeCounted(message, from: source, to: destination, id: id, injectingFaults: injectingFaults, in: &state,
                                 timers: timers, tick: tick)
        switch route {
        case .deliver: state.statistics.host.delivered += 1
        case .drop(.exited): state.statistics.host.arrivedAfterExit += 1
        case .drop: state.statistics.host.dropped += 1
        case .delayed, .ignored: break
        }
        return route
    }

    private static func routeCounted(
        _ message: Message<Machine>, from source: ProcessID, to destination: ProcessID, id: Int, injectingFaults: Bool,
        in state: inout State, timers: Locked<TimerQueue<Machine>>, tick: Duration
    ) -> Route {
        if state.isCrashed(source) || state.isCrashed(destination) { return .drop(.crashed) }
        if source.host != destination.host {
            if state.separated(source, destination) { return .drop(.partition) }
            if injectingFaults, !state.faults.isNone {
                if state.random.chance(state.faults.lossRate) { return .drop(.loss) }
                let delay = state.random.uniform(in: state.faults.extraDelay)
                if delay > 0 {
                    let envelope = Envelope(source: source, destination: destination, message: message)
                    let deadline = ContinuousClock.now + tick * delay
                    timers.withLock { $0.deliver(envelope, id: id, at: deadline) }
                    return .delayed
                }
            }
        }
        guard let entry = state.processes[destination] else { return .drop(.exited) }
        return .deliver(entry.mailbox)
    }

    /// Delivers a message the bus held back, unless a crash or partition now stands in the way.
    private func deliverDelayed(_ envelope: Envelope<Machine>, id: Int) {
        let route = state.withLock { state in
            Self.route(envelope.message, from: envelope.source, to: envelope.destination, id: id, injectingFaults: false,
                       in: &state, timers: timers, tick: tick)
        }
        switch route {
        case .deliver(let mailbox):
            mailbox.post(.message(envelope.message, from: envelope.source, to: envelope.destination, id: id))
        case .drop(let reason): emit(.dropped(envelope, id: id, reason: reason))
        case .delayed, .ignored: break
        }
    }

    // MARK: Timers

    /// Starts the task that fires timers and releases delayed messages. It wakes at each
    /// deadline, and at least once a tick, so a timer fires at most one tick late.
    func startTimers() {
        state.withLock { state in
            running.add(1, ordering: .relaxed)
            state.timerTask = Task {
                await self.runTimers()
                running.subtract(1, ordering: .relaxed)
            }
        }
    }

    private func runTimers() async {
        let clock = ContinuousClock()
        var due: [TimerQueue<Machine>.Action] = []
        var wakes: [Mailbox<Machine>] = []
        while true {
            let now = clock.now
            let nanoseconds = self.nanoseconds(at: now)
            let next = timers.withLock { timers -> ContinuousClock.Instant? in
                timers.popDue(at: now, into: &due)
                // A crashed or exited process's mailbox is stopped; its wake-up was cancelled,
                // unless it came due first.
                for case .wake(let host, let mailbox) in due where !mailbox.isStopped {
                    if timers.wakeUp(host, mailbox: mailbox, at: nanoseconds) {
                        wakes.append(mailbox)
                    }
                }
                return timers.nextDeadline
            }
            for mailbox in wakes {
                mailbox.post(.timersDue)
            }
            for case .deliver(let envelope, let id) in due {
                deliverDelayed(envelope, id: id)
            }
            due.removeAll(keepingCapacity: true)
            wakes.removeAll(keepingCapacity: true)
            let wake = min(next ?? now + tick, now + tick)
            do {
                try await Task.sleep(until: wake, clock: clock)
            } catch {
                return
            }
        }
    }

    // MARK: Faults

    /// The actor of `host`, whose mailbox is `mailbox`, needs a wake-up at `deadline`
    /// (nanoseconds since the bus was made), earlier than the one it has, if any.
    func requestWake(of host: ProcessID, mailbox: Mailbox<Machine>, at deadline: Int) {
        timers.withLock { timers in
            guard !mailbox.isStopped else { return }
            timers.requestWake(of: host, mailbox: mailbox, at: deadline)
        }
    }

    /// Adds to the counts of timers fired, and of timers cancelled because their process
    /// exited or crashed.
    func countTimers(fired: Int, cancelled: Int) {
        if fired > 0 { timersFired.add(fired, ordering: .relaxed) }
        if cancelled > 0 { timersCancelled.add(cancelled, ordering: .relaxed) }
    }

    /// Whether `id`, or the leader that hosts it, has crashed.
    func isCrashed(_ id: ProcessID) -> Bool {
        state.withLock { $0.isCrashed(id) }
    }

    /// Replaces the loss and delay the bus injects.
    func setFaults(_ faults: NetworkFaults) {
        state.withLock { $0.faults = faults }
    }

    /// Crashes `id` and, for a leader, its scouts and commanders, and cancels their timers: a
    /// process on a task of its own loses its actor's wake-up and every timer the actor
    /// holds; a crashed scout or commander's timers are dropped by its leader's actor when
    /// they come due.
    func crash(_ id: ProcessID) throws(RuntimeError) {
        let mailbox = try state.withLock { state throws(RuntimeError) -> Mailbox<Machine> in
            guard let entry = state.processes[id] else { throw .unknownProcess(id) }
            state.crashed.insert(id)
            return entry.mailbox
        }
        if id.host == id {
            timers.withLock { $0.cancelWake(of: id) }
            timersCancelled.add(mailbox.timerCount.load(ordering: .relaxed), ordering: .relaxed)
        }
        // A leader's scouts and commanders live in its actor: they stop with its mailbox. A
        // crashed child alone keeps its host running; the bus drops what it sends and is sent.
        if id.host == id { mailbox.stop() }
        emit(.crashed(id))
    }

    /// Splits the network into `groups`, as ``Fault/partition`` does in the simulator: each
    /// group reaches only its own members, and processes in no group form one more group.
    func partition(_ groups: [[ProcessID]]) throws(RuntimeError) {
        try state.withLock { state throws(RuntimeError) in
            var map: [ProcessID: Int] = [:]
            for (index, group) in groups.enumerated() {
                for process in group {
                    guard process.host == process, state.processes.contains(process) else { throw .unknownProcess(process) }
                    map[process] = index
                }
            }
            state.partition = map
        }
        emit(.partitioned(groups))
    }

    /// Removes the partition.
    func heal() {
        state.withLock { $0.partition = nil }
        emit(.healed)
    }

    /// The counters so far.
    var statistics: RuntimeStatistics {
        var statistics = state.withLock { $0.statistics }
        statistics.host.timersFired = timersFired.load(ordering: .relaxed)
        statistics.timersCancelled = timersCancelled.load(ordering: .relaxed)
        return statistics
    }

    // MARK: Events

    /// Whether anyone is listening to events; when not, none are built.
    var isObserved: Bool { observed.load(ordering: .relaxed) }

    /// A new stream of every event from now until shutdown.
    func events() -> AsyncStream<RuntimeEvent<Machine>> {
        let (stream, continuation) = AsyncStream.makeStream(of: RuntimeEvent<Machine>.self, bufferingPolicy: .unbounded)
        if let key = subscribe(.plain(continuation)) {
            continuation.onTermination = { [weak self] _ in self?.unsubscribe(key) }
        }
        return stream
    }

    /// A new stream of every event from now until shutdown, each with its time since the bus
    /// was made. Times are taken in the order events are given out, so they never decrease.
    func timedEvents() -> AsyncStream<TimedRuntimeEvent<Machine>> {
        let (stream, continuation) = AsyncStream.makeStream(of: TimedRuntimeEvent<Machine>.self, bufferingPolicy: .unbounded)
        if let key = subscribe(.timed(continuation)) {
            continuation.onTermination = { [weak self] _ in self?.unsubscribe(key) }
        }
        return stream
    }

    /// Adds `subscriber` and returns its key; finishes it instead if the bus is closed.
    private func subscribe(_ subscriber: Subscriber) -> Int? {
        let key = nextSubscriber.add(1, ordering: .relaxed).newValue
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            subscribers.withLock { $0[key] = subscriber }
            observed.store(true, ordering: .relaxed)
            return true
        }
        guard accepted else {
            subscriber.finish()
            return nil
        }
        return key
    }

    private func unsubscribe(_ key: Int) {
        subscribers.withLock { subscribers in
            subscribers[key] = nil
            observed.store(!subscribers.isEmpty, ordering: .relaxed)
        }
    }

    /// Gives `event` to every subscriber; builds it only if there is one.
    func emit(_ event: @autoclosure () -> RuntimeEvent<Machine>) {
        guard isObserved else { return }
        let event = event()
        subscribers.withLock { subscribers in
            var time: Duration?
            for subscriber in subscribers.values {
                switch subscriber {
                case .plain(let continuation):
                    continuation.yield(event)
                case .timed(let continuation):
                    if time == nil { time = ContinuousClock.now - createdAt }
                    continuation.yield(TimedRuntimeEvent(time: time!, event: event))
                }
            }
        }
    }

    // MARK: Shutdown

    /// Whether ``shutdown()`` has begun.
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Stops every process and the timer loop, and forgets every actor, without waiting for
    /// them. Returns the tasks still to finish. Each task holds its actor and the bus only
    /// until it finishes, so nothing keeps them alive after that.
    func close() -> [Task<Void, Never>] {
        let (entries, tasks) = state.withLock { state in
            state.closed = true
            state.timerTask?.cancel()
            timers.withLock { $0.removeAll() }
            let tasks = Array(state.tasks.values) + (state.timerTask.map { [$0] } ?? [])
            state.timerTask = nil
            defer { state.processes.removeAll() }
            return (state.processes.hostEntries, tasks)
        }
        for entry in entries {
            entry.mailbox.stop()
        }
        return tasks
    }

    /// Ends every event stream; no events are built from now on.
    func finishEvents() {
        let continuations = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        observed.store(false, ordering: .relaxed)
        for subscriber in continuations {
            subscriber.finish()
        }
    }

    /// Stops every process, forgets every actor, waits for every task to finish, and ends the
    /// event streams.
    func shutdown() async {
        for task in close() {
            await task.value
        }
        finishEvents()
    }
}

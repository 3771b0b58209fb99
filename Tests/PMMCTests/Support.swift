@testable import PMMC

// Shared helpers for the role tests: short names for the key-value instantiation, builders
// for ballots, commands and process ids, and views of an `Outbox` that are `Equatable`, so
// that `#expect` can compare whole effect lists and print them readably when they differ.

typealias KV = KeyValueStore
typealias Msg = Message<KeyValueStore>
typealias Cmd = Command<KeyValueStore>
typealias PV = PValue<KeyValueStore>
typealias Box = Outbox<KeyValueStore>

// MARK: - Builders

/// Ballot `round.leader`, as the slides print it.
func b(_ round: Int, _ leader: Int) -> Ballot { Ballot(round: round, leader: leader) }

/// A pvalue `<ballot, slot, command>`.
func pv(_ ballot: Ballot, _ slot: Int, _ command: Cmd) -> PV {
    PValue(ballot: ballot, slot: slot, command: command)
}

/// `Put key value` from client `c<client>`, request `id`.
func put(_ key: String, _ value: String, client: Int = 0, id: Int = 1) -> Cmd {
    Command(client: .client(client), requestID: id, body: .operation(.put(key: key, value: value)))
}

/// `Get key` from client `c<client>`, request `id`.
func get(_ key: String, client: Int = 0, id: Int = 1) -> Cmd {
    Command(client: .client(client), requestID: id, body: .operation(.get(key: key)))
}

/// `App key value` from client `c<client>`, request `id`.
func app(_ key: String, _ value: String, client: Int = 0, id: Int = 1) -> Cmd {
    Command(client: .client(client), requestID: id, body: .operation(.append(key: key, value: value)))
}

/// A reconfiguration command from client `c<client>`, request `id`.
func reconfig(_ configuration: Configuration, client: Int = 0, id: Int = 1) -> Cmd {
    Command(client: .client(client), requestID: id, body: .reconfigure(configuration))
}

/// Acceptors `a0 … a(n-1)`.
func acceptors(_ count: Int, from first: Int = 0) -> [ProcessID] { (first..<first + count).map(ProcessID.acceptor) }
/// Replicas `r0 … r(n-1)`.
func replicas(_ count: Int) -> [ProcessID] { (0..<count).map(ProcessID.replica) }
/// Leaders `l0 … l(n-1)`, or from `first`.
func leaders(_ count: Int, from first: Int = 0) -> [ProcessID] { (first..<first + count).map(ProcessID.leader) }

let a0 = ProcessID.acceptor(0), a1 = ProcessID.acceptor(1), a2 = ProcessID.acceptor(2)
let l0 = ProcessID.leader(0), l1 = ProcessID.leader(1), l2 = ProcessID.leader(2)
let r0 = ProcessID.replica(0), r1 = ProcessID.replica(1)
let c0 = ProcessID.client(0), c1 = ProcessID.client(1), c2 = ProcessID.client(2)

// MARK: - Outbox views

/// One `send` effect: a message and its destination.
struct Sent: Equatable, CustomStringConvertible {
    let to: ProcessID
    let message: Msg
    var description: String { "\(message) → \(to)" }
}

/// `message` sent to `destination`.
func sent(_ message: Msg, to destination: ProcessID) -> Sent { Sent(to: destination, message: message) }

/// `message` sent to each of `destinations`, in order.
func sent(_ message: Msg, to destinations: [ProcessID]) -> [Sent] {
    destinations.map { Sent(to: $0, message: message) }
}

/// One `setTimer` effect.
struct TimerSet: Equatable, CustomStringConvertible {
    let timer: TimerID
    let after: Int
    var description: String { "\(timer) after \(after)" }
}

/// One `complete` effect of a client.
struct Completion: Equatable, CustomStringConvertible {
    let requestID: Int
    let output: String?
    var description: String { "#\(requestID) → \(output.map { "\"\($0)\"" } ?? "nil")" }
}

extension Outbox where Machine == KeyValueStore {
    /// The `send` effects, in order.
    var sends: [Sent] {
        effects.compactMap { if case .send(let message, let to) = $0 { Sent(to: to, message: message) } else { nil } }
    }

    /// The messages sent, in order, without their destinations.
    var messages: [Msg] { sends.map(\.message) }

    /// The destinations of every send of `kind`, in order.
    func destinations(of kind: MessageKind) -> [ProcessID] {
        sends.filter { $0.message.kind == kind }.map(\.to)
    }

    /// The `setTimer` effects, in order.
    var timers: [TimerSet] {
        effects.compactMap { if case .setTimer(let timer, let after) = $0 { TimerSet(timer: timer, after: after) } else { nil } }
    }

    /// The timers cancelled, in order.
    var cancelledTimers: [TimerID] {
        effects.compactMap { if case .cancelTimer(let timer) = $0 { timer } else { nil } }
    }

    /// The processes spawned, in order.
    var spawned: [Role<Machine>] {
        effects.compactMap { if case .spawn(let process) = $0 { process } else { nil } }
    }

    /// The scouts spawned, in order.
    var scouts: [Scout<Machine>] { spawned.compactMap(\.asScout) }

    /// The commanders spawned, in order.
    var commanders: [Commander<Machine>] { spawned.compactMap(\.asCommander) }

    /// How many `exit` effects were requested.
    var exits: Int { effects.filter { if case .exit = $0 { true } else { false } }.count }

    /// The `complete` effects, in order.
    var completions: [Completion] {
        effects.compactMap {
            if case .complete(let requestID, let output) = $0 { Completion(requestID: requestID, output: output) } else { nil }
        }
    }

    /// Every effect in one line each, e.g. `send p1a(0.1) → a0`, `exit`: for checking order.
    var lines: [String] {
        effects.map {
            switch $0 {
            case .send(let message, let to): "send \(message) → \(to)"
            case .spawn(let process): "spawn \(process.id)"
            case .setTimer(let timer, let after): "timer \(timer) after \(after)"
            case .cancelTimer(let timer): "cancel \(timer)"
            case .exit: "exit"
            case .complete(let requestID, let output): "complete #\(requestID) \(output ?? "nil")"
            }
        }
    }
}

extension Role {
    var asScout: Scout<Machine>? { if case .scout(let scout) = self { scout } else { nil } }
    var asCommander: Commander<Machine>? { if case .commander(let commander) = self { commander } else { nil } }
}

// MARK: - Driving roles

/// Roles that take messages. Each call gets a fresh outbox, returned for inspection.
protocol Receiving {
    associatedtype Machine: StateMachine
    mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>)
}

/// Roles that set timers.
protocol Timed {
    associatedtype Machine: StateMachine
    mutating func timerFired(_ timer: TimerID, into outbox: inout Outbox<Machine>)
}

/// Roles with start-up actions.
protocol Starting {
    associatedtype Machine: StateMachine
    mutating func start(into outbox: inout Outbox<Machine>)
}

/// Roles that come back after a crash.
protocol Restarting {
    associatedtype Machine: StateMachine
    mutating func restart(into outbox: inout Outbox<Machine>)
}

/// A fresh outbox at time `now`, after `handler` ran with it.
private func outbox<Machine>(at now: Int, _ handler: (inout Outbox<Machine>) -> Void) -> Outbox<Machine> {
    var outbox = Outbox<Machine>()
    outbox.now = now
    handler(&outbox)
    return outbox
}

extension Receiving {
    /// Delivers `message` from `sender` at time `now` and returns the effects.
    @discardableResult
    mutating func deliver(_ message: Message<Machine>, from sender: ProcessID, at now: Int = 0) -> Outbox<Machine> {
        outbox(at: now) { receive(message, from: sender, into: &$0) }
    }
}

extension Timed {
    /// Fires `timer` at time `now` and returns the effects.
    @discardableResult
    mutating func fire(_ timer: TimerID, at now: Int = 0) -> Outbox<Machine> {
        outbox(at: now) { timerFired(timer, into: &$0) }
    }
}

extension Starting {
    /// Runs the start-up actions at time `now` and returns the effects.
    @discardableResult
    mutating func started(at now: Int = 0) -> Outbox<Machine> {
        outbox(at: now) { start(into: &$0) }
    }
}

extension Restarting {
    /// Restarts the role at time `now` and returns the effects.
    @discardableResult
    mutating func restarted(at now: Int = 0) -> Outbox<Machine> {
        outbox(at: now) { restart(into: &$0) }
    }
}

extension Acceptor: Receiving {}
extension Scout: Receiving, Timed, Starting {}
extension Commander: Receiving, Timed, Starting {}
extension Leader: Receiving, Timed, Starting, Restarting {}
extension Replica: Receiving, Timed, Restarting {}
extension Client: Receiving, Timed, Restarting {}
extension Role: Receiving, Timed, Starting, Restarting {}

/// A fixed pseudo-random sequence (a linear congruential generator), so that a test that
/// draws from it is the same on every run.
struct Steps {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

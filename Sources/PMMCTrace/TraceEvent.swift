import PMMC

/// One observable step of a run, as a trace records it (one JSON object per line).
///
/// Both hosts write the same events: the simulator in virtual ticks, the actor runtime in
/// microseconds since the cluster started (``TraceHeader/timeUnit`` says which). Every copy of
/// a message has an id, assigned by the host when the message is sent (or duplicated by the
/// network), that its delivery or drop repeats, so a reader pairs them exactly.
public struct TraceEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Sendable, CaseIterable {
        case send, deliver, drop, duplicate, spawn, exit, timer, crash, restart, decide, apply, respond
        case partition, heal, network
    }

    /// Why a message was lost.
    public enum DropReason: String, Sendable, CaseIterable {
        /// The network lost it (the loss rate).
        case loss
        /// A partition separated its sender and receiver.
        case partition
        /// Its receiver had crashed.
        case crashed
        /// Its receiver, a scout or commander, had already exited.
        case exited
        /// A scripted schedule dropped it.
        case schedule
        /// Its receiver was deaf: it could send, not receive (6.824's TestDeaf).
        case deaf
    }

    /// The host's clock: virtual ticks in the simulator, microseconds in the runtime.
    public var time: Int
    public var kind: Kind
    /// The process that acted (sender, spawning leader, replica that decided, …).
    public var source: ProcessID?
    /// The process acted upon (receiver, spawned child), if any.
    public var destination: ProcessID?
    /// For `send`, `duplicate`, `deliver` and `drop`: the id of this copy of the message.
    public var messageID: Int?
    /// For `send`, `duplicate`, `deliver` and `drop`: the message's kind.
    public var messageKind: MessageKind?
    /// The message in the slides' notation, or what was spawned, decided, applied or answered.
    public var message: String?
    /// The slot, for `decide` and `apply`.
    public var slot: Int?
    /// For `timer`: the timer that fired.
    public var timer: TimerID?
    /// For `drop`: why the message was lost.
    public var reason: DropReason?
    /// For `deliver`: the receiver discarded the message as stale, duplicate or not for it.
    public var ignored: Bool
    /// For `send`: a script put the message on the network as if its source had sent it.
    public var injected: Bool
    /// For `partition` and `network`: the fault, e.g. `partition {l0,a0}`.
    public var detail: String?

    public init(
        time: Int, kind: Kind, source: ProcessID? = nil, destination: ProcessID? = nil,
        messageID: Int? = nil, messageKind: MessageKind? = nil, message: String? = nil, slot: Int? = nil,
        timer: TimerID? = nil, reason: DropReason? = nil, ignored: Bool = false, injected: Bool = false,
        detail: String? = nil
    ) {
        self.time = time
        self.kind = kind
        self.source = source
        self.destination = destination
        self.messageID = messageID
        self.messageKind = messageKind
        self.message = message
        self.slot = slot
        self.timer = timer
        self.reason = reason
        self.ignored = ignored
        self.injected = injected
        self.detail = detail
    }

    /// The event of one copy of `envelope`'s message (`kind` is `send`, `duplicate`, `deliver`
    /// or `drop`), as both hosts write it. `text` is the message in the slides' notation, its
    /// `description` unless the host already has it.
    public init<Machine: StateMachine>(
        _ kind: Kind, of envelope: Envelope<Machine>, id: Int, at time: Int, text: String? = nil,
        reason: DropReason? = nil, ignored: Bool = false, injected: Bool = false
    ) {
        self.init(time: time, kind: kind, source: envelope.source, destination: envelope.destination,
                  messageID: id, messageKind: envelope.message.kind, message: text ?? envelope.message.description,
                  reason: reason, ignored: ignored, injected: injected)
    }

    /// Whether the event is about one copy of a message: a send, duplicate, delivery or drop.
    public var isMessage: Bool {
        switch kind {
        case .send, .duplicate, .deliver, .drop: true
        case .spawn, .exit, .timer, .crash, .restart, .decide, .apply, .respond, .partition, .heal, .network: false
        }
    }
}

import PMMC

extension TraceEvent {
    /// The event as one line of JSON, keys in a fixed order: `time`, `kind`, `src`, `dst`,
    /// `id`, `type`, `msg`, `slot`, `timer`, `reason`, `ignored`, `injected`, `detail`. Absent
    /// fields and false flags are left out, so a line is as short as its event.
    public var jsonLine: String {
        var bytes = JSONBuffer()
        appendJSONLine(to: &bytes)
        return bytes.text
    }

    /// Appends the UTF-8 bytes of ``jsonLine`` (without a line break) to `bytes`: what a
    /// writer calls for every event, since it builds no `String`.
    public func appendJSONLine(to bytes: inout JSONBuffer) {
        Self.appendLineStart(
            time: time, kind: kind, source: source, destination: destination, messageID: messageID,
            messageKind: messageKind, to: &bytes)
        if let message { Self.appendField(",\"msg\":", message, to: &bytes) }
        Self.appendLineEnd(
            slot: slot, timer: timer, reason: reason, ignored: ignored, injected: injected, detail: detail, to: &bytes)
    }

    /// Appends the line of an event whose `msg` is written by `writeMessage` (a message's
    /// notation, say) straight into `bytes`, escaped as it goes: the bytes ``jsonLine``
    /// makes of the same event with that text as its ``message``. A host that writes a file
    /// calls it instead of building the event and the text.
    @inline(__always)
    public static func appendJSONLine(
        time: Int, kind: Kind, source: ProcessID? = nil, destination: ProcessID? = nil, messageID: Int? = nil,
        messageKind: MessageKind? = nil, slot: Int? = nil, reason: DropReason? = nil, ignored: Bool = false,
        injected: Bool = false, to bytes: inout JSONBuffer, message writeMessage: (inout JSONBuffer) -> Void
    ) {
        appendLineStart(
            time: time, kind: kind, source: source, destination: destination, messageID: messageID,
            messageKind: messageKind, to: &bytes)
        bytes.append(",\"msg\":\"")
        writeMessage(&bytes)
        bytes.append(UInt8(ascii: "\""))
        appendLineEnd(slot: slot, timer: nil, reason: reason, ignored: ignored, injected: injected, detail: nil, to: &bytes)
    }

    /// Appends the line of an event without a message (an `exit`, a `crash`, a `restart`; a
    /// `timer` with its `timer`) straight into `bytes`: the bytes ``jsonLine`` makes of the
    /// same event, without building it or the timer's text.
    public static func appendJSONLine(time: Int, kind: Kind, source: ProcessID, timer: TimerID?, to bytes: inout JSONBuffer) {
        appendLineStart(
            time: time, kind: kind, source: source, destination: nil, messageID: nil, messageKind: nil, to: &bytes)
        if let timer { appendField(",\"timer\":\"", timer, to: &bytes) }
        bytes.append(UInt8(ascii: "}"))
    }

    /// The fields before `msg`, from the opening brace. After the time, they are at most
    /// ``lineStartLimit`` bytes, written into room reserved once.
    private static func appendLineStart(
        time: Int, kind: Kind, source: ProcessID?, destination: ProcessID?, messageID: Int?,
        messageKind: MessageKind?, to bytes: inout JSONBuffer
    ) {
        bytes.append("{\"time\":")
        bytes.appendTime(time)
        bytes.appendReserved(atMost: lineStartLimit) { line in
            line.put(kind.field)
            if let source {
                line.put(",\"src\":\"")
                put(source, to: &line)
            }
            if let destination {
                line.put(",\"dst\":\"")
                put(destination, to: &line)
            }
            if let messageID {
                line.put(",\"id\":")
                line.putInteger(messageID)
            }
            if let messageKind { line.put(messageKind.field) }
        }
    }

    /// The most bytes the fields from `kind` to `type` take: the longest kind (19 bytes),
    /// two processes of two 20-digit numbers each (52 bytes each, key and quotes included),
    /// an id of 20 digits (26) and the longest type (20).
    private static let lineStartLimit = 19 + 52 + 52 + 26 + 20

    /// The fields after `msg`, to the closing brace.
    private static func appendLineEnd(
        slot: Int?, timer: TimerID?, reason: DropReason?, ignored: Bool, injected: Bool, detail: String?,
        to bytes: inout JSONBuffer
    ) {
        if let slot { appendField(",\"slot\":", slot, to: &bytes) }
        if let timer { appendField(",\"timer\":\"", timer, to: &bytes) }
        if let reason { appendField(",\"reason\":", reason.rawValue, to: &bytes) }
        if ignored { bytes.append(",\"ignored\":true") }
        if injected { bytes.append(",\"injected\":true") }
        if let detail { appendField(",\"detail\":", detail, to: &bytes) }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `key` (`,"name":`) and `value` as a JSON string.
    private static func appendField(_ key: StaticString, _ value: String, to bytes: inout JSONBuffer) {
        bytes.append(key)
        JSONText.appendQuoted(value, to: &bytes)
    }

    /// Appends `key` (`,"name":`, at most 32 bytes) and `value` as a JSON number.
    private static func appendField(_ key: StaticString, _ value: Int, to bytes: inout JSONBuffer) {
        bytes.appendReserved(atMost: 32 + 20) { field in
            field.put(key)
            field.putInteger(value)
        }
    }

    /// Writes `process` in the notation of ``ProcessID/description``, which needs no escaping,
    /// without building it, and a closing quote: at most 44 bytes.
    private static func put(_ process: ProcessID, to line: inout ReservedBytes) {
        switch process {
        case .client(let index): put(UInt8(ascii: "c"), index, to: &line)
        case .replica(let index): put(UInt8(ascii: "r"), index, to: &line)
        case .leader(let index): put(UInt8(ascii: "l"), index, to: &line)
        case .acceptor(let index): put(UInt8(ascii: "a"), index, to: &line)
        case .scout(let leader, let number):
            put(UInt8(ascii: "l"), leader, to: &line)
            line.put(UInt8(ascii: "/"))
            put(UInt8(ascii: "s"), number, to: &line)
        case .commander(let leader, let number):
            put(UInt8(ascii: "l"), leader, to: &line)
            line.put(UInt8(ascii: "/"))
            put(UInt8(ascii: "c"), number, to: &line)
        }
        line.put(UInt8(ascii: "\""))
    }

    /// Writes `prefix` and `index`; a single digit, as most indices are, without a call.
    @inline(__always)
    private static func put(_ prefix: UInt8, _ index: Int, to line: inout ReservedBytes) {
        line.put(prefix)
        if 0 <= index, index < 10 {
            line.put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: index))
        } else {
            line.putInteger(index)
        }
    }

    /// Appends `key` (`,"timer":"`, opening quote included) and `timer` in the notation of
    /// ``TimerID/description``, which needs no escaping, and the closing quote.
    private static func appendField(_ key: StaticString, _ timer: TimerID, to bytes: inout JSONBuffer) {
        bytes.append(key)
        timer.writeNotation(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Parses one line as ``jsonLine`` writes it: the inverse of that property.
    ///
    /// Keys may come in any order, but each at most once; unknown keys are an error.
    /// - Throws: ``TraceFileError`` with line 1 and the reason the line is not an event.
    public init(jsonLine: String) throws(TraceFileError) {
        let bytes = Array(jsonLine.utf8)
        do {
            self = try Self(parsing: bytes[...])
        } catch {
            throw TraceFileError(line: 1, reason: error.reason)
        }
    }

    static let fields: Set<String> = [
        "time", "kind", "src", "dst", "id", "type", "msg", "slot", "timer", "reason", "ignored", "injected", "detail",
    ]

    /// Parses one trace line's bytes.
    init(parsing line: ArraySlice<UInt8>) throws(LineProblem) {
        let value = try JSONParser.parse(line)
        guard let object = JSONObject(value) else {
            throw LineProblem(reason: "an event must be a JSON object, got \(value.quoted)")
        }
        try self.init(object)
    }

    init(_ object: JSONObject) throws(LineProblem) {
        try object.requireOnly(Self.fields)
        let time = try object.required("time", object.integer("time"))
        guard time >= 0 else { throw LineProblem(reason: "\"time\" must not be negative, got \(time)") }
        let kindName = try object.required("kind", object.string("kind"))
        guard let kind = Kind(rawValue: kindName) else {
            throw LineProblem(reason: "unknown kind \(quotedForMessage(kindName))")
        }
        self.init(
            time: time, kind: kind,
            source: try Self.process(object, "src"), destination: try Self.process(object, "dst"),
            messageID: try object.integer("id"), messageKind: try Self.messageKind(object),
            message: try object.string("msg"), slot: try object.integer("slot"), timer: try Self.timer(object),
            reason: try Self.reason(object), ignored: try object.bool("ignored") ?? false,
            injected: try object.bool("injected") ?? false, detail: try object.string("detail"))
        if let messageID, messageID < 0 { throw LineProblem(reason: "\"id\" must not be negative, got \(messageID)") }
        if isMessage, messageID == nil { throw LineProblem(reason: "missing field \"id\": a \(kind) names the message's id") }
        if !isMessage, messageID != nil { throw LineProblem(reason: "\"id\" belongs to message events, not to a \(kind)") }
    }

    private static func process(_ object: JSONObject, _ key: String) throws(LineProblem) -> ProcessID? {
        guard let name = try object.string(key) else { return nil }
        guard let process = ProcessID(name) else {
            throw LineProblem(reason: "\"\(key)\" is not a process name such as r0, l1 or l0/s2: \(quotedForMessage(name))")
        }
        return process
    }

    private static func messageKind(_ object: JSONObject) throws(LineProblem) -> MessageKind? {
        guard let name = try object.string("type") else { return nil }
        guard let kind = MessageKind.allCases.first(where: { $0.description == name }) else {
            throw LineProblem(reason: "unknown message type \(quotedForMessage(name))")
        }
        return kind
    }

    private static func timer(_ object: JSONObject) throws(LineProblem) -> TimerID? {
        guard let name = try object.string("timer") else { return nil }
        guard let timer = TimerID(traceName: name) else {
            throw LineProblem(reason: "unknown timer \(quotedForMessage(name))")
        }
        return timer
    }

    private static func reason(_ object: JSONObject) throws(LineProblem) -> DropReason? {
        guard let name = try object.string("reason") else { return nil }
        guard let reason = DropReason(rawValue: name) else {
            throw LineProblem(reason: "unknown drop reason \(quotedForMessage(name))")
        }
        return reason
    }
}

extension TraceEvent.Kind {
    /// The `kind` field of a trace line, ``rawValue`` quoted after its key
    /// (`,"kind":"send"`), as static text, which a trace line copies in one piece without
    /// building a `String`. The trace round-trip tests read every kind back through
    /// ``rawValue``.
    fileprivate var field: StaticString {
        switch self {
        case .send: ",\"kind\":\"send\""
        case .deliver: ",\"kind\":\"deliver\""
        case .drop: ",\"kind\":\"drop\""
        case .duplicate: ",\"kind\":\"duplicate\""
        case .spawn: ",\"kind\":\"spawn\""
        case .exit: ",\"kind\":\"exit\""
        case .timer: ",\"kind\":\"timer\""
        case .crash: ",\"kind\":\"crash\""
        case .restart: ",\"kind\":\"restart\""
        case .decide: ",\"kind\":\"decide\""
        case .apply: ",\"kind\":\"apply\""
        case .respond: ",\"kind\":\"respond\""
        case .partition: ",\"kind\":\"partition\""
        case .heal: ",\"kind\":\"heal\""
        case .network: ",\"kind\":\"network\""
        }
    }
}

extension MessageKind {
    /// The `type` field of a trace line, ``description`` quoted after its key
    /// (`,"type":"p2a"`), as static text, which a trace line copies in one piece without
    /// building a `String`. The trace round-trip tests read every kind back through
    /// ``description``.
    fileprivate var field: StaticString {
        switch self {
        case .request: ",\"type\":\"request\""
        case .response: ",\"type\":\"response\""
        case .propose: ",\"type\":\"propose\""
        case .decision: ",\"type\":\"decision\""
        case .p1a: ",\"type\":\"p1a\""
        case .p1b: ",\"type\":\"p1b\""
        case .p2a: ",\"type\":\"p2a\""
        case .p2b: ",\"type\":\"p2b\""
        case .adopted: ",\"type\":\"adopted\""
        case .preempted: ",\"type\":\"preempted\""
        case .ping: ",\"type\":\"ping\""
        case .pong: ",\"type\":\"pong\""
        case .executed: ",\"type\":\"executed\""
        case .collect: ",\"type\":\"gc\""
        case .catchUp: ",\"type\":\"catchUp\""
        case .snapshot: ",\"type\":\"snapshot\""
        }
    }
}

extension TimerID {
    /// Reads a timer back from its ``description``, e.g. `leaderCheck(epoch: 2)`.
    public init?(traceName name: String) {
        func argument(_ prefix: String) -> Int? {
            guard name.hasPrefix(prefix), name.hasSuffix(")") else { return nil }
            let digits = name.dropFirst(prefix.count).dropLast()
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            return Int(digits)
        }
        switch name {
        case "proposalRetransmit": self = .proposalRetransmit
        case "phaseRetransmit": self = .phaseRetransmit
        case "executedReport": self = .executedReport
        case "missingDecision": self = .missingDecision
        case "batchFlush": self = .batchFlush
        default:
            if let requestID = argument("requestRetransmit(requestID: ") {
                self = .requestRetransmit(requestID: requestID)
            } else if let epoch = argument("leaderCheck(epoch: ") {
                self = .leaderCheck(epoch: epoch)
            } else if let epoch = argument("backoff(epoch: ") {
                self = .backoff(epoch: epoch)
            } else {
                return nil
            }
        }
    }
}

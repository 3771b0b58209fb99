import PMMC

/// One observable step of a simulation, as written to a trace (one JSON object per line).
public struct TraceEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Sendable, CaseIterable {
        case send, deliver, drop, duplicate, spawn, exit, timer, crash, restart, decide, apply, respond
        case partition, heal, network
    }

    /// Virtual time.
    public let time: Int
    public let kind: Kind
    /// The process that acted (sender, spawning leader, replica that decided, …).
    public let source: ProcessID?
    /// The process acted upon (receiver, spawned child), if any.
    public let destination: ProcessID?
    /// The message in the slides' notation, or what was spawned, decided, applied or answered.
    public let message: String?
    /// The slot, for `decide` and `apply`.
    public let slot: Int?
    /// Anything else: why a message was dropped, which timer fired, a fault's description.
    public let detail: String?

    public init(
        time: Int, kind: Kind, source: ProcessID? = nil, destination: ProcessID? = nil,
        message: String? = nil, slot: Int? = nil, detail: String? = nil
    ) {
        self.time = time
        self.kind = kind
        self.source = source
        self.destination = destination
        self.message = message
        self.slot = slot
        self.detail = detail
    }

    /// The event as one line of JSON, keys in a fixed order: `time`, `kind`, `src`, `dst`,
    /// `msg`, `slot`, `detail`; absent fields are left out.
    public var jsonLine: String {
        var line = "{\"time\":\(time),\"kind\":\"\(kind.rawValue)\""
        if let source { line += ",\"src\":\"\(source)\"" }
        if let destination { line += ",\"dst\":\"\(destination)\"" }
        if let message { line += ",\"msg\":" + TraceEvent.quoted(message) }
        if let slot { line += ",\"slot\":\(slot)" }
        if let detail { line += ",\"detail\":" + TraceEvent.quoted(detail) }
        return line + "}"
    }
}

extension TraceEvent {
    /// `text` as a JSON string literal, quotes included; byte-for-byte stable, so traces
    /// written by different processes compare equal. Trace headers use it too.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

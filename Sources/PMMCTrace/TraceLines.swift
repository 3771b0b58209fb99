/// A trace written as it happens: one JSON line per event (``TraceEvent/jsonLine``), appended
/// to a buffer that is handed to `flush` whenever it fills, and at ``flush()``.
///
/// A host given one writes each line straight into the buffer
/// (``TraceEvent/appendJSONLine(time:kind:source:destination:messageID:messageKind:slot:reason:ignored:injected:to:message:)``),
/// message notation included, instead of building a ``TraceEvent`` and its strings: the
/// simulator traces a file this way at about 1.6 times the cost of an untraced run instead of
/// three times (Docs/Performance.md).
public final class TraceLines {
    /// The lines not yet flushed. Only this object and the one host writing to it touch it,
    /// one line at a time, so its accesses are not checked for exclusivity at run time.
    @exclusivity(unchecked) private var buffer: JSONBuffer
    private let flushSize: Int
    private let output: (UnsafeBufferPointer<UInt8>) -> Void

    /// Lines that reach `output` in chunks of about `flushSize` bytes, whole lines each.
    public init(flushSize: Int = 1 << 20, output: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.flushSize = flushSize
        self.output = output
        buffer = JSONBuffer(capacity: flushSize + 4096)
    }

    /// Appends one line that `write` writes into the buffer, and a line break.
    @inline(__always)
    public func appendLine(_ write: (inout JSONBuffer) -> Void) {
        write(&buffer)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= flushSize { flush() }
    }

    /// Appends `event`'s line.
    public func append(_ event: TraceEvent) {
        appendLine { event.appendJSONLine(to: &$0) }
    }

    /// Appends `line` as it is, and a line break: a header, say.
    public func append(text line: String) {
        appendLine { buffer in
            var line = line
            line.withUTF8 { buffer.append($0) }
        }
    }

    /// Hands what is buffered to the output.
    public func flush() {
        buffer.withBytes(output)
        buffer.removeAll()
    }
}

import PMMCTrace
import PMMCSimulation

/// Writes a trace file: a header line naming the command's arguments (enough to replay the
/// run), then one JSON line per event. Buffered; call ``close()`` at the end.
///
/// The simulator's trace hook cannot throw, so a write that fails is kept in ``failure`` and
/// nothing more is written; ``close()`` throws it.
final class TraceWriter {
    private let file: OutputFile
    /// The buffered lines; a simulator writes into them directly (``Simulation/traceLines``).
    let lines: TraceLines
    /// The first write that failed, if any.
    var failure: Failure? { failureBox.failure }
    private let failureBox: FailureBox

    /// Where a write that failed is kept: the lines' output closure and the writer share it.
    private final class FailureBox {
        var failure: Failure?
    }

    init(path: String, header: TraceHeader) throws(Failure) {
        let file = try OutputFile(path: path)
        let failureBox = FailureBox()
        self.file = file
        self.failureBox = failureBox
        lines = TraceLines { bytes in
            guard failureBox.failure == nil else { return }
            do throws(Failure) {
                try file.write(UnsafeRawBufferPointer(bytes))
            } catch {
                failureBox.failure = error
            }
        }
        lines.append(text: header.jsonLine)
    }

    func write(_ event: TraceEvent) {
        guard failure == nil else { return }
        lines.append(event)
    }

    /// Writes what is buffered and closes the file; throws the first failure.
    func close() throws(Failure) {
        lines.flush()
        let closing = Result { () throws(Failure) in try file.close() }
        if let failure { throw failure }
        try closing.get()
    }

    /// `arguments` without `--trace FILE` (or `--trace=FILE`) and `--progress`, which change
    /// where output goes but not the run, so that the header of two runs with one seed is the
    /// same wherever they write.
    static func runArguments(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
            } else if argument == "--trace" {
                skipNext = true
            } else if !argument.hasPrefix("--trace="), argument != "--progress" {
                kept.append(argument)
            }
        }
        return kept
    }
}

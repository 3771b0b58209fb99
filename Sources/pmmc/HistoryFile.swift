import PMMC
import PMMCRuntime
import PMMCSimulation

/// Client histories as files: written by `--history FILE`, read by `pmmc lincheck`.
enum HistoryFile {
    /// Writes `history` as JSON to `path`.
    static func write(_ history: KeyValueHistory, to path: String) throws(Failure) {
        let file = try OutputFile(path: path)
        try file.write(line: history.json)
        try file.close()
    }

    /// The history of a runtime run's client operations, times in whole nanoseconds since
    /// the first call. Reconfigurations and no-ops are left out.
    static func history(of records: [OperationRecord<KeyValueStore>]) -> KeyValueHistory {
        guard let start = records.map(\.call).min() else { return KeyValueHistory([]) }
        func nanoseconds(_ instant: ContinuousClock.Instant) -> Int {
            let (seconds, attoseconds) = (instant - start).components
            return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        }
        let operations = records.compactMap { record -> KeyValueHistory.Operation? in
            guard case .operation(let input) = record.body, case .client(let client) = record.client else { return nil }
            return KeyValueHistory.Operation(client: client, input: input, output: record.return == nil ? nil : record.output,
                                             call: nanoseconds(record.call), return: record.return.map(nanoseconds))
        }
        return KeyValueHistory(operations.sorted { ($0.call, $0.client) < ($1.call, $1.client) })
    }
}

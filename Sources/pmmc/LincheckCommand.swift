import PMMCSimulation

/// `pmmc lincheck`: checks a key-value history for linearizability.
struct LincheckCommand {
    static let usage = """
        USAGE: pmmc lincheck HISTORY [options]

        Checks whether a key-value history is linearizable: whether every operation can be
        given one instant between its call and its return at which it takes effect, so that
        each get reads what the puts and appends before it wrote. HISTORY is a JSON array of
        {"client":0,"op":"put"|"get"|"append","key":"k","value":"v","output":"…","call":t0,"return":t1},
        as 'pmmc simulate --history' and 'pmmc run --history' write it; an operation with no
        "return" never completed and may or may not have taken effect. A HISTORY of '-' is
        read from standard input. Each key is checked on its own.

        OPTIONS
          --step-limit N        give up on a key after N search steps and say 'unknown'
                                (default: no limit)
          -h, --help            show this help

        Prints one line: 'linearizable', or 'NOT linearizable: key …' with that key's
        operations (the smallest key that fails).

        Exit status: 0 when linearizable, 1 when not, 2 for bad usage or a malformed history,
        3 when the step limit was reached before an answer.
        """

    let path: String
    let stepLimit: Int?

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        stepLimit = try reader.integer("--step-limit", in: 1...Int.max)
        let paths = reader.operands()
        try reader.finish()
        guard let path = paths.first else { throw UsageError(message: "name a history file, e.g. 'pmmc lincheck history.json'") }
        guard paths.count == 1 else { throw UsageError(message: "unexpected argument '\(paths[1])'") }
        self.path = path
    }

    func run() throws -> Int32 {
        let name = path == "-" ? "standard input" : path
        let text = String(decoding: try InputFile(path: path, kind: "history file").readAll(), as: UTF8.self)
        let history: KeyValueHistory
        do {
            history = try KeyValueHistory(json: text)
        } catch {
            throw UsageError(message: "\(name): \(error)")
        }
        let result = history.checkLinearizability(stepLimit: stepLimit)
        try OutputFile.standardOutput.write(line: result.description)
        switch result.verdict {
        case .linearizable: return 0
        case .notLinearizable: return 1
        case .unknown: return 3
        }
    }
}

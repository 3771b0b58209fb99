import PMMC

/// How a trace names a spawned child: `scout 0.1`, `commander <0.1, 3, Put k v>`. The
/// simulator and the explorer trace spawns with it; `description` is the text, and a trace
/// file gets the same pieces written straight into its line.
struct SpawnText<Machine: StateMachine>: NotationPrintable {
    let child: Role<Machine>

    func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        switch child {
        case .scout(let scout): output.write("scout "); scout.ballot.writeNotation(to: &output)
        case .commander(let commander): output.write("commander "); commander.pvalue.writeNotation(to: &output)
        case .client, .replica, .leader, .acceptor, .custom: output.write("process")
        }
    }
}

/// How a trace tells a client's answer: `#3 "v1"`, or `#4 done` for a reconfiguration.
struct ResponseText<Machine: StateMachine>: NotationPrintable {
    let requestID: Int
    let output: Machine.Output?

    func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        output.write("#")
        output.write(requestID)
        if let result = self.output {
            output.write(" \"")
            output.write(text: result.description)
            output.write("\"")
        } else {
            output.write(" done")
        }
    }
}

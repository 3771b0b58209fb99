/// A pvalue ⟨b, s, c⟩: command `c` proposed for slot `s` in ballot `b`. Printed `<0.1, 3, A>`.
public struct PValue<Machine: StateMachine>: Hashable, Sendable, NotationPrintable {
    public let ballot: Ballot
    public let slot: Int
    public let command: Command<Machine>

    public init(ballot: Ballot, slot: Int, command: Command<Machine>) {
        self.ballot = ballot
        self.slot = slot
        self.command = command
    }

    public func writeNotation(to output: inout some NotationOutput & ~Copyable) {
        output.write("<")
        ballot.writeNotation(to: &output)
        output.write(", ")
        output.write(slot)
        output.write(", ")
        command.writeNotation(to: &output)
        output.write(">")
    }

    /// About how many bytes `pvalue` takes: its ballot and slot, and its command's
    /// ``Command/approximateBytes``.
    public static func approximateBytes(of pvalue: PValue) -> Int {
        MemoryLayout<PValue>.size + pvalue.command.approximateBytes
    }
}

/// `pmax(pvals)`: for each slot, the command of the pvalue with the highest ballot.
public func pmax<Machine>(_ pvalues: [PValue<Machine>]) -> [Int: Command<Machine>] {
    var best: [Int: PValue<Machine>] = [:]
    for pvalue in pvalues where best[pvalue.slot].map({ $0.ballot < pvalue.ballot }) ?? true {
        best[pvalue.slot] = pvalue
    }
    return best.mapValues(\.command)
}

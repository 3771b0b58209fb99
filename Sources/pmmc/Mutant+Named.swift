import PMMCBugZoo

extension Mutant {
    /// The mutant called `name` on the command line.
    static func named(_ name: String) throws(UsageError) -> Mutant {
        guard let mutant = Mutant(rawValue: name) else {
            throw UsageError(message: "unknown mutant '\(name)'; the mutants are " + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return mutant
    }
}

import PMMC

extension KeyValueHistory {
    /// The history of a simulation's client operations (``Simulation/operations``), in the
    /// order called: client `c3` becomes client 3; times are virtual ticks.
    ///
    /// Reconfigurations and no-ops are left out: they touch no key. An operation still
    /// outstanding becomes a pending one, with neither return nor output.
    public init(clientOperations: [ClientOperation<KeyValueStore>]) {
        self.init(clientOperations.compactMap { operation in
            guard case .operation(let input) = operation.body, case .client(let client) = operation.client else { return nil }
            return Operation(client: client, input: input, output: operation.output, call: operation.call, return: operation.return)
        })
    }
}

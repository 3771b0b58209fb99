import PMMC

extension Role {
    /// Whether this is a client with no request in flight.
    var isIdleClient: Bool {
        guard case .client(let client) = self else { return false }
        return client.isIdle
    }

    /// Client only: submits a new request, in place, without copying the client out of the
    /// role and back; `nil` for any other role or a client with a request in flight.
    mutating func submitRequest(_ body: Command<Machine>.Body, into outbox: inout Outbox<Machine>) -> Command<Machine>? {
        switch consume self {
        case .client(var client) where client.isIdle:
            let command = client.submit(body, into: &outbox)
            self = .client(client)
            return command
        case let other:
            self = other
            return nil
        }
    }
}

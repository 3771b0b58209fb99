import PMMC

extension Outbox {
    /// Copies every effect and observation of `inner` into this outbox, in order, passing each
    /// spawned child through `child` first (`nil`: not spawned): how a mutant wraps the role
    /// it decorates.
    mutating func forward(_ inner: Outbox, child: (Role<Machine>) -> Role<Machine>? = { $0 }) {
        for effect in inner.effects {
            if case .spawn(let spawned) = effect {
                if let kept = child(spawned) { spawn(kept) }
            } else {
                forward(effect)
            }
        }
        for observation in inner.observations {
            observe(observation)
        }
    }

    /// Asks for `effect`.
    mutating func forward(_ effect: Effect<Machine>) {
        switch effect {
        case .send(let message, let destination): send(message, to: destination)
        case .spawn(let child): spawn(child)
        case .setTimer(let timer, let delay): setTimer(timer, after: delay)
        case .cancelTimer(let timer): cancelTimer(timer)
        case .exit: exit()
        case .complete(let requestID, let output): complete(requestID: requestID, output: output)
        }
    }

    /// Whether a handler asked for its process to exit.
    var exits: Bool {
        effects.contains { if case .exit = $0 { true } else { false } }
    }
}

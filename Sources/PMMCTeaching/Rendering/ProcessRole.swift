import PMMC

extension ProcessID {
    /// The role's name in the slides' words: `leader`, `acceptor`, `scout`, ….
    var roleName: String {
        switch self {
        case .client: "client"
        case .replica: "replica"
        case .leader: "leader"
        case .acceptor: "acceptor"
        case .scout: "scout"
        case .commander: "commander"
        }
    }
}

extension Transcript {
    /// The lines to draw: ``lanes`` in order, then any other host an event mentions, in order
    /// of first mention, so that a trace naming a process the lanes forgot still draws.
    var drawnLanes: [ProcessID] {
        var lanes = self.lanes
        var seen = Set(lanes)
        for part in parts {
            for step in part.steps {
                for event in step.events {
                    for process in [event.source, event.destination] {
                        guard let host = process?.host, !seen.contains(host) else { continue }
                        seen.insert(host)
                        lanes.append(host)
                    }
                }
            }
        }
        return lanes
    }

    /// The number of the last step of part `index`'s fork origin, for "continues from the
    /// state after step N"; `nil` when the part is no fork outcome or its origin is empty.
    func forkStepNumber(ofPart index: Int) -> Int? {
        guard parts.indices.contains(index), let origin = parts[index].forksFrom,
              parts.indices.contains(origin)
        else { return nil }
        return parts[origin].steps.last?.number
    }
}

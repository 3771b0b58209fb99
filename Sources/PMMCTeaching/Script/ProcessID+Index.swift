import PMMC

extension ProcessID {
    /// The index of a client, replica, leader or acceptor; a child's number.
    var index: Int {
        switch self {
        case .client(let index), .replica(let index), .leader(let index), .acceptor(let index): index
        case .scout(_, let number), .commander(_, let number): number
        }
    }
}

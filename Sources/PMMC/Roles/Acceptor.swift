/// An acceptor (paper figure 3): the memory of the protocol.
///
/// ```
/// ballot_num := ⊥; accepted := ∅
/// on ⟨p1a, λ, b⟩:      if b > ballot_num then ballot_num := b
///                      send(λ, ⟨p1b, self, ballot_num, accepted⟩)
/// on ⟨p2a, λ, ⟨b,s,c⟩⟩: if b = ballot_num then accepted := accepted ∪ {⟨b,s,c⟩}
///                      send(λ, ⟨p2b, self, ballot_num⟩)
/// ```
public struct Acceptor<Machine: StateMachine>: Equatable, Sendable {
    public let id: ProcessID
    /// The highest ballot adopted so far (⊥ at first).
    public private(set) var ballotNumber: Ballot = .bottom
    /// Every pvalue accepted, in the order accepted. A set in the paper; kept ordered here so
    /// that p1b messages are deterministic.
    public private(set) var accepted: [PValue<Machine>] = []
    /// The ballot of the last pvalue accepted per slot, so a duplicated p2a is not stored twice.
    private var lastAcceptedBallot: [Int: Ballot] = [:]

    public init(id: ProcessID) {
        self.id = id
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch message {
        case .p1a(let ballot):
            if ballot > ballotNumber {
                ballotNumber = ballot
            }
            outbox.send(.p1b(ballot: ballotNumber, accepted: accepted), to: sender)
        case .p2a(let pvalue):
            if pvalue.ballot == ballotNumber, lastAcceptedBallot[pvalue.slot] != pvalue.ballot {
                accepted.append(pvalue)
                lastAcceptedBallot[pvalue.slot] = pvalue.ballot
            }
            outbox.send(.p2b(ballot: ballotNumber), to: sender)
        case .request, .response, .propose, .decision, .p1b, .p2b, .adopted, .preempted, .ping, .pong:
            break
        }
    }
}

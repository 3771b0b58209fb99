/// An acceptor (paper figure 4): the memory of the protocol.
///
/// ```
/// ballot_num := ⊥; accepted := ∅
/// on ⟨p1a, λ, b⟩:      if b > ballot_num then ballot_num := b
///                      send(λ, ⟨p1b, self, ballot_num, accepted⟩)
/// on ⟨p2a, λ, ⟨b,s,c⟩⟩: if b = ballot_num then accepted := accepted ∪ {⟨b,s,c⟩}
///                      send(λ, ⟨p2b, self, ballot_num⟩)
/// ```
/// One departure (Docs/Architecture.md, "Where we depart"): a p2a whose ballot is *above*
/// `ballot_num` is adopted first and then accepted, as in Lamport's Paxos and the paper's own
/// state-reduction acceptor:
///
/// ```
/// on ⟨p2a, λ, ⟨b,s,c⟩⟩: if b ≥ ballot_num then ballot_num := b; accepted := accepted ∪ {⟨b,s,c⟩}
///                      send(λ, ⟨p2b, self, ballot_num⟩)
/// ```
/// A leader sends p2a for ballot `b` only once a majority has adopted `b`, so accepting it here
/// is as safe as adopting `b` from its p1a. Without it an acceptor that missed that p1a (lost,
/// or cut off by a partition) stays on an older ballot and refuses every p2a of the leader;
/// once the majority needs that acceptor, nothing is decided again.
public struct Acceptor<Machine: StateMachine>: Hashable, Sendable {
    public let id: ProcessID
    /// The highest ballot adopted so far (⊥ at first).
    public private(set) var ballotNumber: Ballot = .bottom
    /// Every pvalue accepted, in the order first accepted. A set in the paper; kept ordered
    /// here so that p1b messages are deterministic. It holds each pvalue once, and every
    /// distinct pvalue accepted: two commands for one ballot and slot both show.
    public private(set) var accepted: [PValue<Machine>] = []
    /// The members of ``accepted``, so that a duplicated p2a is not stored twice.
    private var acceptedSet: Set<PValue<Machine>> = []

    public init(id: ProcessID) {
        self.id = id
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch message {
        case .p1a(let ballot):
            if ballot > ballotNumber {
                ballotNumber = ballot
                outbox.observe(.adopted(ballot))
            }
            outbox.send(.p1b(ballot: ballotNumber, accepted: accepted), to: sender)
        case .p2a(let pvalue):
            if pvalue.ballot >= ballotNumber {
                if pvalue.ballot > ballotNumber {
                    ballotNumber = pvalue.ballot
                    outbox.observe(.adopted(pvalue.ballot))
                }
                if acceptedSet.insert(pvalue).inserted {
                    accepted.append(pvalue)
                    outbox.observe(.accepted(pvalue))
                }
            } else {
                outbox.observe(.rejected(pvalue))
            }
            outbox.send(.p2b(ballot: ballotNumber), to: sender)
        case .request, .response, .propose, .decision, .p1b, .p2b, .adopted, .preempted, .ping, .pong:
            outbox.observe(.ignored)
        }
    }
}

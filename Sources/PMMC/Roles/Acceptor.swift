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
///
/// Two switches of ``Settings`` (paper §4; Docs/Pragmatics.md):
/// - ``Settings/stateReduction``: `accepted` keeps only the highest-ballot pvalue of each
///   slot, as in the paper's §4.1 (a pvalue of a higher ballot overwrites the slot's entry).
/// - ``Settings/garbageCollection``: on `⟨gc, s⟩` from a leader (every replica has executed
///   the slots below `s`) the acceptor drops the pvalues of those slots, and its p1b carries
///   `s` so that scouts and new leaders skip them. A p2a for such a slot is answered without
///   being stored: its command is the one chosen there, and its commander must finish.
public struct Acceptor<Machine: StateMachine>: Hashable, Sendable {
    public let id: ProcessID
    /// The highest ballot adopted so far (⊥ at first).
    public private(set) var ballotNumber: Ballot = .bottom
    /// Every pvalue accepted, in the order first accepted. A set in the paper; kept ordered
    /// here so that p1b messages are deterministic. It holds each pvalue once, and every
    /// distinct pvalue accepted: two commands for one ballot and slot both show. With state
    /// reduction, one pvalue per slot, the highest ballot's, in the place of the slot's first;
    /// with garbage collection, none below ``collectedBelow``.
    public private(set) var accepted: [PValue<Machine>] = []
    /// Every replica has executed the slots below this one, and the acceptor dropped them.
    public private(set) var collectedBelow = 1
    /// The members of ``accepted``, so that a duplicated p2a is not stored twice (without
    /// state reduction).
    private var acceptedSet: Set<PValue<Machine>> = []
    /// With state reduction: the index in ``accepted`` of each slot's pvalue.
    private var indexOfSlot: SlotLog<Int> = [:]
    private let stateReduction: Bool
    private let garbageCollection: Bool

    /// An acceptor with the switches of `settings`; the paper's figure 4 by default.
    public init(id: ProcessID, settings: Settings = .paper()) {
        self.id = id
        self.stateReduction = settings.stateReduction
        self.garbageCollection = settings.garbageCollection
    }

    /// How many pvalues it keeps.
    public var retainedPValues: Int { accepted.count }

    /// About how many bytes its pvalues take (``Command/approximateBytes`` each, plus ballot
    /// and slot).
    public var retainedBytes: Int {
        accepted.reduce(0) { $0 + PValue<Machine>.approximateBytes(of: $1) }
    }

    public mutating func receive(_ message: Message<Machine>, from sender: ProcessID, into outbox: inout Outbox<Machine>) {
        switch message {
        case .p1a(let ballot):
            if ballot > ballotNumber {
                ballotNumber = ballot
                outbox.observe(.adopted(ballot))
            }
            outbox.send(.p1b(ballot: ballotNumber, accepted: accepted, collectedBelow: collectedBelow), to: sender)
        case .p2a(let pvalue):
            if pvalue.ballot >= ballotNumber {
                if pvalue.ballot > ballotNumber {
                    ballotNumber = pvalue.ballot
                    outbox.observe(.adopted(pvalue.ballot))
                }
                if pvalue.slot >= collectedBelow, store(pvalue) {
                    outbox.observe(.accepted(pvalue))
                }
            } else {
                outbox.observe(.rejected(pvalue))
            }
            outbox.send(.p2b(ballot: ballotNumber), to: sender)
        case .collect(let below):
            guard garbageCollection, below > collectedBelow else { return outbox.observe(.ignored) }
            collect(below: below)
            outbox.observe(.collected(below: below))
        case .request, .response, .propose, .decision, .p1b, .p2b, .adopted, .preempted, .ping, .pong,
             .executed, .catchUp, .snapshot:
            outbox.observe(.ignored)
        }
    }

    /// Adds `pvalue` to ``accepted``; with state reduction, in place of its slot's pvalue.
    /// Returns false if it was there already.
    private mutating func store(_ pvalue: PValue<Machine>) -> Bool {
        guard stateReduction else {
            guard acceptedSet.insert(pvalue).inserted else { return false }
            accepted.append(pvalue)
            return true
        }
        guard let index = indexOfSlot[pvalue.slot] else {
            indexOfSlot[pvalue.slot] = accepted.count
            accepted.append(pvalue)
            return true
        }
        guard accepted[index] != pvalue else { return false }
        accepted[index] = pvalue
        return true
    }

    /// Drops the pvalues of the slots below `below`.
    private mutating func collect(below: Int) {
        collectedBelow = below
        accepted.removeAll { $0.slot < below }
        if stateReduction {
            indexOfSlot.removeAll()
            for (index, pvalue) in accepted.enumerated() {
                indexOfSlot[pvalue.slot] = index
            }
        } else {
            acceptedSet = Set(accepted)
        }
    }
}

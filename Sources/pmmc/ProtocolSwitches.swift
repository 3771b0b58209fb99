import PMMC

/// The switches `pmmc simulate` and `pmmc run` share for the protocol's pragmatics (paper §3
/// and §4) and batching: each turns one of ``Settings``'s mechanisms off or sets its limits,
/// so a run can show the protocol with and without it.
enum ProtocolSwitches {
    /// The lines of `--help` that describe them.
    static let usage = """
          --naive               leaders of paper figure 7: no failure detection and no
                                back-off, so a preempted leader scouts again at once
          --no-backoff          no AIMD back-off of a preempted leader (paper §3)
          --fixed-timeouts      fixed retransmission intervals instead of timeouts adapted
                                to the round trips observed (RFC 6298), at most as long
          --no-state-reduction  acceptors keep every pvalue, not only the highest-ballot
                                one of each slot (paper §4.1)
          --no-gc               no garbage collection: leaders, acceptors and replicas keep
                                every slot's state (paper §4.2)
          --no-catch-up         a replica behind does not ask the others for what it missed
          --batch-size N        at most N client requests per slot, 1 to 10,000 (default
                                64); 1 proposes every request alone
          --batch-delay T       a batch that is not full waits at most T ticks, 0 to
                                1,000,000 (default 0: only requests already waiting are
                                batched, and none waits for the sake of batching)
          --no-batching         every request in a slot of its own (paper figure 1)
          --no-broadcast-requests
                                a client sends a new request to one replica (the one that
                                answered its last request first), and to all of them only
                                when it sends the request again; by default (or with
                                --broadcast-requests) it sends every request to every
                                replica and every replica answers, as in paper figure 1
        """

    /// Reads the switches and turns the settings' mechanisms off accordingly.
    static func read(from reader: inout ArgumentReader, into settings: inout Settings) throws(UsageError) {
        if try reader.flag("--naive") {
            settings.failureDetection = nil
            settings.backoff = nil
        }
        if try reader.flag("--no-backoff") { settings.backoff = nil }
        if try reader.flag("--fixed-timeouts") { settings.adaptiveRetransmission = nil }
        if try reader.flag("--no-state-reduction") { settings.stateReduction = false }
        if try reader.flag("--no-gc") { settings.garbageCollection = false }
        if try reader.flag("--no-catch-up") { settings.catchUp = false }
        let broadcast = try reader.flag("--broadcast-requests")
        if try reader.flag("--no-broadcast-requests") {
            guard !broadcast else { throw UsageError(message: "--broadcast-requests and --no-broadcast-requests contradict each other") }
            settings.broadcastRequests = false
        } else if broadcast {
            settings.broadcastRequests = true
        }
        try readBatching(from: &reader, into: &settings)
    }

    /// `--batch-size`, `--batch-delay` and `--no-batching`; the limits need batching on.
    private static func readBatching(from reader: inout ArgumentReader, into settings: inout Settings) throws(UsageError) {
        let size = try reader.integer("--batch-size", in: 1...10_000)
        let delay = try reader.integer("--batch-delay", in: 0...1_000_000)
        if try reader.flag("--no-batching") {
            guard size == nil, delay == nil else {
                throw UsageError(message: "--no-batching takes no --batch-size or --batch-delay")
            }
            settings.batching = nil
            return
        }
        var batching = settings.batching ?? Settings.Batching()
        batching.maximumSize = size ?? batching.maximumSize
        batching.maximumDelay = delay ?? batching.maximumDelay
        settings.batching = batching
    }

    /// The pragmatics in force, for a summary's `protocol` line: `leader failure detection
    /// ping every 100 ticks, 3 missed = failed; back-off AIMD 300-5000 ticks (×2, −100);
    /// timeouts adaptive from 2 ticks up to the fixed intervals; requests to every replica`.
    static func describe(_ settings: Settings) -> String {
        let detection = settings.failureDetection.map {
            "ping every \($0.pingInterval) ticks, \($0.missedPings) missed = failed"
        } ?? "off (naive leaders)"
        let backoff = settings.backoff.map {
            "AIMD \($0.minimum)-\($0.maximum) ticks (×\($0.factor), −\($0.decrease))"
        } ?? "off"
        let timeouts = settings.adaptiveRetransmission.map { "adaptive from \($0.minimum) ticks up to the fixed intervals" } ?? "fixed"
        let requests = settings.broadcastRequests ? "to every replica" : "to one replica"
        return "leader failure detection \(detection); back-off \(backoff); timeouts \(timeouts); requests \(requests)"
    }

    /// The paper's §4 mechanisms and batching in force, for a summary's `pragmatics` line:
    /// `state reduction on, garbage collection on (report every 100 ticks, keep 1,000
    /// decisions), catch-up on, batching up to 64 requests a slot, no delay`.
    static func describeStateKeeping(_ settings: Settings) -> String {
        let collection = settings.garbageCollection
            ? "on (report every \(settings.executedReportInterval) ticks, keep \(settings.retainedDecisions.grouped) decisions)"
            : "off"
        let batching = settings.batching.map {
            "up to \($0.maximumSize.grouped) requests a slot, " + ($0.maximumDelay == 0 ? "no delay" : "delay up to \($0.maximumDelay.grouped) ticks")
        } ?? "off"
        return "state reduction \(settings.stateReduction ? "on" : "off"), garbage collection \(collection), "
            + "catch-up \(settings.catchUp ? "on" : "off"), batching \(batching)"
    }
}

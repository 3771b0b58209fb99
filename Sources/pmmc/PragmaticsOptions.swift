import PMMC

/// The switches of the paper's §4 mechanisms that `pmmc simulate` and `pmmc run` share:
/// each is on by default and turned off by its flag.
enum PragmaticsOptions {
    /// The lines of both commands' help that describe the switches.
    static let usage = """
          --no-state-reduction  acceptors keep every pvalue, not only the highest-ballot
                                one of each slot (paper §4.1)
          --no-gc               no garbage collection: leaders, acceptors and replicas keep
                                every slot's state (paper §4.2)
          --no-catch-up         a replica behind does not ask the others for what it missed
        """

    /// Reads the flags into `settings`.
    static func read(from reader: inout ArgumentReader, into settings: inout Settings) throws(UsageError) {
        if try reader.flag("--no-state-reduction") { settings.stateReduction = false }
        if try reader.flag("--no-gc") { settings.garbageCollection = false }
        if try reader.flag("--no-catch-up") { settings.catchUp = false }
    }

    /// `state reduction on, garbage collection on (report every 100 ticks, keep 1,000
    /// decisions), catch-up on`, for the summaries.
    static func describe(_ settings: Settings) -> String {
        let collection = settings.garbageCollection
            ? "on (report every \(settings.executedReportInterval) ticks, keep \(settings.retainedDecisions.grouped) decisions)"
            : "off"
        return "state reduction \(settings.stateReduction ? "on" : "off"), garbage collection \(collection), "
            + "catch-up \(settings.catchUp ? "on" : "off")"
    }
}

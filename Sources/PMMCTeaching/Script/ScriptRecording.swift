import PMMC
import PMMCSimulation

/// What a ``Script`` did to its simulation in one part of a story: the options it started
/// from and the ``Simulation/log`` of scripted calls, so that the state after any step can be
/// rebuilt by replaying a prefix of the log on a fresh simulation (as `pmmc studio` does).
///
/// The log is typed by the story's state machine; ``actions(of:)`` gives it back for the
/// machine asked for. ``Transcript/Step/actionCount`` says how long the log was after each
/// step. An outcome's log starts with the calls made before its fork.
public struct ScriptRecording: Hashable, Sendable {
    /// The options of the part's simulation.
    public let options: SimulationOptions
    private let log: any Hashable & Sendable

    /// The recording of `simulation` as it is now.
    public init<Machine>(_ simulation: Simulation<Machine>) {
        options = simulation.options
        log = simulation.log
    }

    /// The scripted calls, if the story ran on `machine`; `nil` for any other machine.
    public func actions<Machine>(of machine: Machine.Type) -> [ScriptedAction<Machine>]? {
        log as? [ScriptedAction<Machine>]
    }

    public static func == (lhs: ScriptRecording, rhs: ScriptRecording) -> Bool {
        lhs.options == rhs.options && AnyHashable(lhs.log) == AnyHashable(rhs.log)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(options)
        hasher.combine(AnyHashable(log))
    }
}

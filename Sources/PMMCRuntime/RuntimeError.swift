import PMMC

/// Why the runtime refused a request or a client call failed.
public enum RuntimeError: Error, Equatable, CustomStringConvertible {
    /// An option is out of range.
    case invalidOption(String)
    /// The processes do not form a valid configuration.
    case configuration(ConfigurationError)
    /// No such process was ever started in this cluster (or it has exited).
    case unknownProcess(ProcessID)
    /// A process with this id already runs (or has crashed) in this cluster, so another one
    /// cannot start under it; for example, when two reconfigurations chose the same new ids.
    case processExists(ProcessID)
    /// The client crashed before its call completed.
    case crashed(ProcessID)
    /// The cluster was shut down before the call completed.
    case shutDown

    public var description: String {
        switch self {
        case .invalidOption(let reason): reason
        case .configuration(let error): error.description
        case .unknownProcess(let process): "no process \(process) in this cluster"
        case .processExists(let process): "process \(process) already exists in this cluster"
        case .crashed(let process): "client \(process) crashed"
        case .shutDown: "the cluster has been shut down"
        }
    }
}

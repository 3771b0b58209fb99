import Foundation

/// What `pmmc --version` prints after the name.
let version = "0.1.0"

let usage = """
    USAGE: pmmc <command> [options]
           pmmc help <command>
           pmmc --version

    Paxos Made Moderately Complex (van Renesse & Altinbuken, 2015) in Swift.

    COMMANDS
      simulate      run a deterministic simulation and print a summary
      run           run a workload on the actor runtime in real time and print a summary
      walkthrough   show a scripted walk-through of the protocol, step by step
      render        draw a trace file as text, Markdown, Mermaid or SVG
      sweep         run many seeds of a fault profile on every core, each run checked
      lincheck      check a key-value history for linearizability
      explore       visit every schedule of a small cluster, checking every state
      studio        explore a walk-through or a cluster interactively in the browser

    Run 'pmmc <command> --help' or 'pmmc help <command>' for a command's options.
    """

/// A `pmmc` command: its help and how to run it.
enum Command: String, CaseIterable {
    case simulate, run, walkthrough, render, sweep, lincheck, explore, studio

    var usage: String {
        switch self {
        case .simulate: SimulateCommand.usage
        case .run: RunCommand.usage
        case .walkthrough: WalkthroughCommand.usage
        case .render: RenderCommand.usage
        case .sweep: SweepCommand.usage
        case .lincheck: LincheckCommand.usage
        case .explore: ExploreCommand.usage
        case .studio: StudioCommand.usage
        }
    }

    /// Reads `arguments` and runs the command; returns its exit status.
    func run(_ arguments: [String]) async throws -> Int32 {
        switch self {
        case .simulate: try SimulateCommand(arguments: arguments).run()
        case .run: try await RunCommand(arguments: arguments).run()
        case .walkthrough: try WalkthroughCommand(arguments: arguments).run()
        case .render: try RenderCommand(arguments: arguments).run()
        case .sweep: try await SweepCommand(arguments: arguments).run()
        case .lincheck: try LincheckCommand(arguments: arguments).run()
        case .explore: try ExploreCommand(arguments: arguments).run()
        case .studio: try StudioCommand(arguments: arguments).run()
        }
    }
}

/// Prints `pmmc COMMAND: error: MESSAGE` and exits with `status`.
func fail(_ message: String, command: Command?, status: Int32) -> Never {
    printDiagnostic("pmmc\(command.map { " " + $0.rawValue } ?? ""): error: \(message)")
    exit(status)
}

/// Prints `text` on standard output and exits: 0, or 1 when it cannot be written.
func show(_ text: String, command: Command? = nil) -> Never {
    do {
        try OutputFile.standardOutput.write(line: text)
    } catch {
        fail(error.message, command: command, status: 1)
    }
    exit(0)
}

func unknownCommand(_ name: String) -> Never {
    fail("unknown command '\(name)'; run 'pmmc --help' for the list", command: nil, status: 2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first else {
    try? OutputFile.standardError.write(line: usage)
    exit(2)
}
arguments.removeFirst()

switch name {
case "-h", "--help":
    show(usage)
case "--version":
    show("pmmc \(version)")
case "help":
    guard let topic = arguments.first else { show(usage) }
    guard arguments.count == 1 else { fail("help takes one command name, got '\(arguments[1])' too", command: nil, status: 2) }
    guard let command = Command(rawValue: topic) else { unknownCommand(topic) }
    show(command.usage, command: command)
default:
    guard let command = Command(rawValue: name) else { unknownCommand(name) }
    if ArgumentReader(arguments).wantsHelp { show(command.usage, command: command) }
    do {
        exit(try await command.run(arguments))
    } catch let error as UsageError {
        fail(error.message, command: command, status: 2)
    } catch let error as Failure {
        fail(error.message, command: command, status: 1)
    } catch {
        fail("\(error)", command: command, status: 1)
    }
}

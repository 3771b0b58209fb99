import Foundation

let usage = """
    USAGE: pmmc <command> [options]

    Paxos Made Moderately Complex (van Renesse & Altinbuken, 2015) in Swift.

    COMMANDS
      simulate      run a deterministic simulation and print a summary
      run           run a workload on the actor runtime in real time and print a summary
      walkthrough   show a scripted walk-through of the protocol, step by step
      render        draw a trace file as text, Markdown, Mermaid or SVG

    Run 'pmmc <command> --help' for a command's options.
    """

func fail(_ message: String, command: String?) -> Never {
    FileHandle.standardError.write(Data("pmmc\(command.map { " " + $0 } ?? ""): error: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
arguments.removeFirst()

switch command {
case "-h", "--help", "help":
    print(usage)
case "simulate":
    if ArgumentReader(arguments).wantsHelp {
        print(SimulateCommand.usage)
        exit(0)
    }
    do {
        exit(try SimulateCommand(arguments: arguments).run())
    } catch let error as UsageError {
        fail(error.message, command: command)
    } catch {
        fail("\(error)", command: command)
    }
case "run":
    if ArgumentReader(arguments).wantsHelp {
        print(RunCommand.usage)
        exit(0)
    }
    do {
        exit(try await RunCommand(arguments: arguments).run())
    } catch let error as UsageError {
        fail(error.message, command: command)
    } catch {
        fail("\(error)", command: command)
    }
case "walkthrough":
    if ArgumentReader(arguments).wantsHelp {
        print(WalkthroughCommand.usage)
        exit(0)
    }
    do {
        exit(try WalkthroughCommand(arguments: arguments).run())
    } catch {
        fail(error.message, command: command)
    }
case "render":
    if ArgumentReader(arguments).wantsHelp {
        print(RenderCommand.usage)
        exit(0)
    }
    do {
        exit(try RenderCommand(arguments: arguments).run())
    } catch {
        fail(error.message, command: command)
    }
default:
    fail("unknown command '\(command)'; run 'pmmc --help' for the list", command: nil)
}

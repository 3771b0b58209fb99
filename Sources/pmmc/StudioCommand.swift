import Foundation
import PMMCStudio
import PMMCTeaching

/// Set by SIGINT or SIGTERM; the server's loop checks it between connections.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

/// `pmmc studio`: an interactive page in the browser for a walk-through or a cluster of one's
/// own, served on the loopback interface.
struct StudioCommand {
    static let usage = """
        USAGE: pmmc studio [WALKTHROUGH] [options]
               pmmc studio --file STORY [options]

        Serves an interactive page on http://127.0.0.1:PORT/ for a walk-through (step
        through it, go back, then take another way: deliver, drop or duplicate a pending
        message, fire a timer, crash a process, submit a command, fork a branch) or, with
        no WALKTHROUGH, for a cluster of your own on the paper's settings. The page shows
        the pending events, each process's state in the slides' notation, and the
        space-time diagram so far; it exports the session as a Swift Testing test and as a
        trace file for 'pmmc render'. Nothing leaves this machine; no browser is started.
        Docs/Studio.md tells more.

        OPTIONS
          --file STORY          open the walk-through a story file tells (as 'pmmc
                                walkthrough --file' runs it); it joins the list
          --port N              listen on port N of 127.0.0.1 (default: 8080; 0 picks a
                                free one); the address is printed when ready
          --part N              start from part N of the walk-through (default: 1), for
                                one that tells its story again under other settings
          --replicas N          the cluster's replicas, 1 to 9 (default: 2)
          --leaders N           its leaders, 1 to 9 (default: 2)
          --acceptors N         its acceptors, 1 to 9 (default: 3)
          --clients N           its clients, 0 to 9 (default: 1)
          --machine labels|kv   its application: the slides' labels A, B… (default) or
                                the key-value store
          -h, --help            show this help

        Stops cleanly on Ctrl-C (SIGINT) or SIGTERM. Exit status: 0 after a stop, 1 when
        the port cannot be listened on, 2 for bad usage.
        """

    let port: Int
    let scenario: StudioScenario
    let catalog: [Walkthrough]

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        port = try reader.integer("--port", default: 8080, in: 0...65535)
        let part = try reader.integer("--part", in: 1...99)
        let replicas = try reader.integer("--replicas", in: 1...9)
        let leaders = try reader.integer("--leaders", in: 1...9)
        let acceptors = try reader.integer("--acceptors", in: 1...9)
        let clients = try reader.integer("--clients", in: 0...9)
        let machine = try reader.value("--machine")
        let storyPath = try reader.value("--file")
        var names = reader.operands()
        try reader.finish()
        guard names.count <= 1 else { throw UsageError(message: "unexpected argument '\(names[1])'") }
        if let storyPath {
            guard names.isEmpty else { throw UsageError(message: "--file takes the place of a walk-through name; '\(names[0])' is one too many") }
            let story = try WalkthroughCommand.walkthrough(storyAt: storyPath)
            catalog = [story] + Walkthroughs.all.filter { $0.name != story.name }
            names = [story.name]
        } else {
            catalog = Walkthroughs.all
        }
        if let name = names.first {
            guard [replicas, leaders, acceptors, clients].allSatisfy({ $0 == nil }), machine == nil else {
                throw UsageError(message: "--replicas, --leaders, --acceptors, --clients and --machine shape a cluster of your own, not a walk-through")
            }
            guard catalog.contains(where: { $0.name == name }) else {
                let hint = Walkthroughs.nearest(to: name).map { "did you mean '\($0.name)'? " } ?? ""
                throw UsageError(message: "unknown walk-through '\(name)'; \(hint)run 'pmmc walkthrough --list'")
            }
            scenario = .walkthrough(name: name, part: (part ?? 1) - 1)
        } else {
            guard part == nil else { throw UsageError(message: "--part needs a walk-through name") }
            let kind = try machine.map { text throws(UsageError) in
                guard let kind = StudioScenario.Cluster.Machine(rawValue: text) else {
                    throw UsageError(message: "--machine takes labels or kv, got '\(text)'")
                }
                return kind
            } ?? .labels
            do {
                scenario = .cluster(try StudioScenario.Cluster(
                    replicas: replicas ?? 2, leaders: leaders ?? 2, acceptors: acceptors ?? 3, clients: clients ?? 1, machine: kind))
            } catch {
                throw UsageError(message: error.message)
            }
        }
    }

    func run() throws -> Int32 {
        let router: StudioRouter
        do {
            router = try StudioRouter(scenario: scenario, catalog: catalog)
        } catch {
            throw UsageError(message: error.message)
        }
        let server: StudioServer
        do {
            server = try StudioServer(port: port)
        } catch {
            throw Failure(message: error.description)
        }
        signal(SIGINT) { _ in stopRequested = 1 }
        signal(SIGTERM) { _ in stopRequested = 1 }
        signal(SIGPIPE, SIG_IGN)
        try OutputFile.standardOutput.write(line: "pmmc studio: \(scenario) at \(server.url) (Ctrl-C to stop)")
        server.serve(router) { stopRequested != 0 }
        try OutputFile.standardOutput.write(line: "pmmc studio: stopped")
        return 0
    }
}

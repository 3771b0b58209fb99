import Foundation
import PMMC
import PMMCTeaching

/// Answers the studio's HTTP requests: the page, and the JSON API that drives the current
/// session. Every refused request gets `{"error": "…"}` with a 4xx status; none changes the
/// session. See Docs/Studio.md for the routes.
public final class StudioRouter {
    private var session: any StudioSessionProtocol
    private let catalog: [Walkthrough]
    private var scenarios: [ScenarioList.Walkthrough]?

    /// A router whose session starts on `scenario`, offering the walk-throughs of `catalog`
    /// (the built-in ones and, say, a teacher's story files).
    public init(scenario: StudioScenario, catalog: [Walkthrough] = Walkthroughs.all) throws(StudioError) {
        self.catalog = catalog
        session = try scenario.open(catalog: catalog)
    }

    /// The response to `request`.
    public func respond(to request: StudioRequest) -> StudioResponse {
        do {
            return try route(request)
        } catch {
            return .error(error)
        }
    }

    private func route(_ request: StudioRequest) throws(StudioError) -> StudioResponse {
        switch (request.method, request.path) {
        case ("GET", "/"), ("GET", "/index.html"):
            return StudioResponse(contentType: "text/html; charset=utf-8", body: Array(StudioPage.html.utf8))
        case ("GET", "/api/state"):
            return .json(session.view())
        case ("GET", "/api/scenarios"):
            return .json(ScenarioList(walkthroughs: walkthroughs(), machines: StudioScenario.Cluster.Machine.allCases.map(\.rawValue)))
        case ("POST", "/api/open"):
            session = try StudioRouter.scenario(from: try JSONBody.decode(JSONBody.Open.self, from: request.body)).open(catalog: catalog)
            return .json(session.view())
        case ("POST", "/api/move"):
            try session.perform(try StudioRouter.move(from: try JSONBody.decode(JSONBody.Move.self, from: request.body)))
            return .json(session.view())
        case ("GET", "/api/export/test"):
            return StudioResponse(contentType: "text/x-swift; charset=utf-8", body: Array(session.exportedTest().utf8),
                                  fileName: "StudioSessionTests.swift")
        case ("GET", "/api/export/trace"):
            return StudioResponse(contentType: "application/x-ndjson", body: Array(session.exportedTrace().utf8), fileName: "studio.jsonl")
        case (_, "/"), (_, "/index.html"), (_, "/api/state"), (_, "/api/scenarios"), (_, "/api/export/test"), (_, "/api/export/trace"):
            throw StudioError(status: 405, "\(request.method) \(request.path) is not allowed; use GET")
        case (_, "/api/open"), (_, "/api/move"):
            throw StudioError(status: 405, "\(request.method) \(request.path) is not allowed; use POST")
        default:
            throw .notFound("no route \(request.method) \(request.path)")
        }
    }

    private func walkthroughs() -> [ScenarioList.Walkthrough] {
        if let scenarios { return scenarios }
        let list = catalog.map { walkthrough in
            let parts = (try? walkthrough.run()).map(StudioScenario.startingParts(of:)) ?? []
            return ScenarioList.Walkthrough(name: walkthrough.name, title: walkthrough.title, summary: walkthrough.summary,
                                            parts: parts.map { ScenarioList.Part(part: $0.part, heading: $0.heading) })
        }
        scenarios = list
        return list
    }

    static func scenario(from body: JSONBody.Open) throws(StudioError) -> StudioScenario {
        if let name = body.walkthrough {
            return .walkthrough(name: name, part: body.part ?? 0)
        }
        guard let cluster = body.cluster else { throw .badRequest("name a \"walkthrough\" or a \"cluster\" to open") }
        let machineName = cluster.machine ?? "labels"
        guard let machine = StudioScenario.Cluster.Machine(rawValue: machineName) else {
            throw .badRequest("unknown machine '\(machineName)'; use labels or kv")
        }
        return .cluster(try StudioScenario.Cluster(
            replicas: cluster.replicas ?? 2, leaders: cluster.leaders ?? 2, acceptors: cluster.acceptors ?? 3,
            clients: cluster.clients ?? 1, machine: machine))
    }

    static func move(from body: JSONBody.Move) throws(StudioError) -> StudioMove {
        guard let name = body.move else { throw .badRequest("say which \"move\"") }
        func event() throws(StudioError) -> Int {
            guard let id = body.event else { throw .badRequest("\(name) needs an \"event\" id") }
            return id
        }
        switch name {
        case "deliver", "fire", "start", "apply", "perform": return .perform(try event())
        case "drop": return .drop(try event())
        case "duplicate": return .duplicate(try event())
        case "crash", "restart":
            guard let text = body.process, let process = ProcessID(text), process.host == process else {
                throw .badRequest("\(name) needs a \"process\" such as a1, l0, r0 or c0")
            }
            return name == "crash" ? .crash(process) : .restart(process)
        case "submit":
            guard let operation = body.operation else { throw .badRequest("submit needs an \"operation\"") }
            return .submit(client: body.client ?? 0, operation: operation)
        case "run": return .run(ticks: body.ticks ?? 10)
        case "back": return .back
        case "forward": return .forward
        case "go":
            guard let position = body.position else { throw .badRequest("go needs a \"position\"") }
            return .go(to: position)
        case "fork": return .fork(name: body.name.flatMap { $0.isEmpty ? nil : String($0.prefix(80)) })
        case "branch":
            guard let index = body.branch else { throw .badRequest("branch needs a \"branch\" index") }
            return .branch(index)
        default: throw .badRequest("unknown move '\(name)'")
        }
    }
}

/// The list `GET /api/scenarios` sends.
struct ScenarioList: Codable, Equatable {
    struct Part: Codable, Equatable {
        var part: Int
        var heading: String
    }

    struct Walkthrough: Codable, Equatable {
        var name: String
        var title: String
        var summary: String
        var parts: [Part]
    }

    var walkthroughs: [Walkthrough]
    var machines: [String]
}

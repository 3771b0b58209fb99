import PMMC

extension Story {
    /// Reads a story file. `name` names the walk-through (the CLI passes the file's name).
    ///
    /// Lines starting with `#` and blank lines are ignored. A header (`title:`, `lesson:`,
    /// `summary:`, `cluster:`, `settings:`, `lanes:`) comes first; `lesson:` and `summary:`
    /// continue on indented lines. Then `setup:` or `step:` lines, each followed by indented
    /// actions, `expect` lines, and `or:` lines that start a branch. The first error found
    /// is thrown, with its line.
    public init(parsing text: String, name: String) throws(StoryError) {
        var parser = StoryParser(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        self = try parser.story(name: name)
    }
}

/// The line-by-line reader behind ``Story/init(parsing:name:)``.
struct StoryParser {
    private let lines: [String]
    private var index = 0

    init(lines: [String]) {
        self.lines = lines
    }

    private static let headerKeys = ["title", "lesson", "summary", "cluster", "settings", "lanes"]

    mutating func story(name: String) throws(StoryError) -> Story {
        var header: [String: (line: Int, value: String)] = [:]
        while let (number, line) = nextLine() {
            guard let (key, value) = Self.keyed(line), Self.headerKeys.contains(key) else {
                index = number - 1
                break
            }
            guard header[key] == nil else { throw StoryError(line: number, message: "'\(key):' is given twice") }
            header[key] = (number, key == "lesson" || key == "summary" ? value + continuation() : value)
        }
        guard let title = header["title"], !title.value.isEmpty else {
            throw StoryError(line: min(index + 1, lines.count), message: "a story needs a 'title:' line before its first step")
        }
        let lesson = header["lesson"]?.value ?? ""
        var story = Story(
            name: name, title: title.value,
            summary: header["summary"]?.value ?? Self.firstSentence(of: lesson) ?? title.value,
            lesson: lesson, cluster: Story.Cluster(), settings: .paper(), lanes: nil, entries: [], branches: [])
        if let cluster = header["cluster"] { story.cluster = try Self.cluster(cluster.value, line: cluster.line) }
        if let settings = header["settings"] {
            switch settings.value {
            case "paper": story.settings = .paper()
            case "practical": story.settings = Settings()
            default: throw StoryError(line: settings.line, message: "settings must be 'paper' or 'practical', not '\(settings.value)'")
            }
        }
        if let lanes = header["lanes"] {
            story.lanes = try Self.processes(lanes.value, line: lanes.line, in: story.cluster)
        }
        story.entries = try entries(in: story.cluster)
        while let (number, line) = nextLine() {
            guard let (key, heading) = Self.keyed(line), key == "or" else {
                throw StoryError(line: number, message: "expected 'or:' to start another branch, found '\(line)'")
            }
            guard !heading.isEmpty else { throw StoryError(line: number, message: "'or:' needs a heading for the branch") }
            story.branches.append(Story.Branch(line: number, heading: heading, entries: try entries(in: story.cluster)))
        }
        guard story.entries.contains(where: Self.isStep) || !story.branches.isEmpty else {
            throw StoryError(line: max(1, lines.count), message: "a story needs at least one 'step:' or 'setup:'")
        }
        for branch in story.branches where !branch.entries.contains(where: Self.isStep) {
            throw StoryError(line: branch.line, message: "branch '\(branch.heading)' has no step")
        }
        return story
    }

    /// Steps and expectations up to the next `or:` line (left unread) or the end.
    private mutating func entries(in cluster: Story.Cluster) throws(StoryError) -> [Story.Entry] {
        var entries: [Story.Entry] = []
        while let (number, line) = nextLine() {
            if let (key, narration) = Self.keyed(line), key == "step" || key == "setup" {
                guard !narration.isEmpty else { throw StoryError(line: number, message: "'\(key):' needs a narration") }
                var actions: [Story.Action] = []
                while index < lines.count, Self.isIndented(lines[index]) || Self.isBlank(lines[index]) {
                    index += 1
                    let words = Self.words(lines[index - 1])
                    guard let first = words.first, !first.hasPrefix("#") else { continue }
                    actions.append(Story.Action(line: index, kind: try Self.action(words, line: index, in: cluster)))
                }
                guard !actions.isEmpty else {
                    throw StoryError(line: number, message: "step '\(narration)' has no actions; list them on indented lines below it")
                }
                entries.append(.step(Story.Step(line: number, narration: narration, quiet: key == "setup", actions: actions)))
            } else if line.hasPrefix("expect ") {
                let text = String(line.dropFirst("expect ".count)).trimmed
                entries.append(.expectation(Story.Expectation(
                    line: number, text: text, kind: try Self.expectation(Self.words(text), text: text, line: number, in: cluster))))
            } else if let (key, _) = Self.keyed(line), key == "or" {
                index -= 1
                return entries
            } else if Self.isIndented(lines[number - 1]) {
                throw StoryError(line: number, message: "an indented action must follow a 'step:' or 'setup:' line")
            } else {
                throw StoryError(line: number, message: "expected 'step:', 'setup:', 'expect' or 'or:', found '\(line)'")
            }
        }
        return entries
    }

    private static func action(_ words: [String], line: Int, in cluster: Story.Cluster) throws(StoryError) -> Story.Action.Kind {
        func process(_ text: String) throws(StoryError) -> ProcessID { try Self.process(text, line: line, in: cluster) }
        guard let verb = words.first else { throw StoryError(line: line, message: "empty action") }
        let rest = Array(words.dropFirst())
        switch verb {
        case "start":
            guard rest.count == 1 else { throw StoryError(line: line, message: "write 'start l0'") }
            let leader = try process(rest[0])
            guard case .leader = leader else { throw StoryError(line: line, message: "only a leader starts; '\(rest[0])' is not one") }
            return .start(leader)
        case "elect":
            guard rest.count >= 3, rest[1] == "by" else { throw StoryError(line: line, message: "write 'elect l0 by a0 a1 a2'") }
            return .elect(try process(rest[0]), by: try rest.dropFirst(2).map(process))
        case "accept":
            var remaining = rest[...]
            var slot: Int?
            if remaining.first == "slot" {
                guard remaining.count >= 2, let number = Int(remaining[remaining.startIndex + 1]), number >= 1 else {
                    throw StoryError(line: line, message: "'accept slot' needs a slot number of 1 or more")
                }
                slot = number
                remaining = remaining.dropFirst(2)
            }
            guard remaining.count >= 4, remaining.first == "from", remaining[remaining.startIndex + 2] == "at" else {
                throw StoryError(line: line, message: "write 'accept [slot 2] from l0 at a0 a1'")
            }
            return .accept(slot: slot, from: try process(remaining[remaining.startIndex + 1]), at: try remaining.dropFirst(3).map(process))
        case "submit":
            guard rest.count == 3, rest[1] == "by", case .client(let client) = try process(rest[2]) else {
                throw StoryError(line: line, message: "write 'submit A by c0' (one label, then a client)")
            }
            return .submit(rest[0], client: client)
        case "deliver", "drop":
            let (kind, source, destination) = try messagePattern(rest, line: line, in: cluster)
            return verb == "deliver" ? .deliver(kind, from: source, to: destination) : .drop(kind, from: source, to: destination)
        case "fire":
            guard rest.count == 2 || rest.count == 3, rest[rest.count - 2] == "of" else {
                throw StoryError(line: line, message: "write 'fire [TIMER] of P', e.g. 'fire proposalRetransmit of r0'")
            }
            let timer = rest.count == 3 ? rest[0] : nil
            if let timer, !TimerID.names.contains(timer) {
                throw StoryError(line: line, message: "unknown timer '\(timer)'; timers are " + TimerID.names.joined(separator: ", "))
            }
            return .fire(timer, of: try process(rest[rest.count - 1]))
        case "crash":
            guard rest.count == 1 else { throw StoryError(line: line, message: "write 'crash a0'") }
            return .crash(try process(rest[0]))
        case "restart":
            guard rest.count == 1 else { throw StoryError(line: line, message: "write 'restart a0'") }
            return .restart(try process(rest[0]))
        case "run":
            guard rest.count == 1, let ticks = Int(rest[0]), ticks >= 1 else {
                throw StoryError(line: line, message: "write 'run N' with N ticks, at least 1")
            }
            return .run(ticks: ticks)
        default:
            throw StoryError(line: line, message: "unknown action '\(verb)'; actions are start, elect, accept, submit, deliver, drop, fire, crash, restart, run")
        }
    }

    /// `[KIND] [from P] [to P]`.
    private static func messagePattern(
        _ words: [String], line: Int, in cluster: Story.Cluster
    ) throws(StoryError) -> (MessageKind?, ProcessID?, ProcessID?) {
        var remaining = words[...]
        var kind: MessageKind?
        if let first = remaining.first, first != "from", first != "to" {
            guard let named = MessageKind.allCases.first(where: { $0.description == first }) else {
                throw StoryError(line: line, message: "unknown message kind '\(first)'; kinds are " + MessageKind.allCases.map(\.description).joined(separator: ", "))
            }
            kind = named
            remaining = remaining.dropFirst()
        }
        var source: ProcessID?, destination: ProcessID?
        while let word = remaining.first {
            guard remaining.count >= 2, word == "from" || word == "to" else {
                throw StoryError(line: line, message: "expected 'from P' or 'to P', found '\(remaining.joined(separator: " "))'")
            }
            let id = try process(remaining[remaining.startIndex + 1], line: line, in: cluster, childrenAllowed: true)
            if word == "from" { source = id } else { destination = id }
            remaining = remaining.dropFirst(2)
        }
        return (kind, source, destination)
    }

    private static func expectation(
        _ words: [String], text: String, line: Int, in cluster: Story.Cluster
    ) throws(StoryError) -> Story.Expectation.Kind {
        let forms = "expectations are 'r0 log A B', 'a0 ballot 0.1', 'l0 active', 'l0 passive', 'a0 accepted <0.1, 1, A>', 'slot 1 decided A', 'c0 output [A]'"
        if words.count == 4, words[0] == "slot", words[2] == "decided" {
            guard let slot = Int(words[1]), slot >= 1 else { throw StoryError(line: line, message: "a slot is a number of 1 or more, not '\(words[1])'") }
            return .decided(slot: slot, command: words[3])
        }
        guard words.count >= 2 else { throw StoryError(line: line, message: "incomplete expectation; " + forms) }
        let id = try process(words[0], line: line, in: cluster)
        let value = words.dropFirst(2).joined(separator: " ")
        switch (words[1], id) {
        case ("log", .replica):
            return .log(id, Array(words.dropFirst(2)))
        case ("ballot", .acceptor), ("ballot", .leader):
            guard words.count == 3, let ballot = Self.ballot(words[2]) else {
                throw StoryError(line: line, message: "a ballot is written round.leader, e.g. 0.1, not '\(value)'")
            }
            return .ballot(id, ballot)
        case ("active", .leader), ("passive", .leader):
            guard words.count == 2 else { throw StoryError(line: line, message: "write 'expect \(id) \(words[1])'") }
            return .active(id, words[1] == "active")
        case ("accepted", .acceptor):
            guard value.hasPrefix("<"), value.hasSuffix(">") else {
                throw StoryError(line: line, message: "write the pvalue as on the slides, e.g. <0.1, 1, A>")
            }
            return .accepted(id, value)
        case ("output", .client):
            guard !value.isEmpty else { throw StoryError(line: line, message: "write the answer expected, e.g. 'expect c0 output [A]'") }
            return .output(id, value)
        default:
            throw StoryError(line: line, message: "cannot expect '\(text)'; " + forms)
        }
    }

    private static func cluster(_ text: String, line: Int) throws(StoryError) -> Story.Cluster {
        var cluster = Story.Cluster()
        let words = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard words.count % 2 == 0, !words.isEmpty else {
            throw StoryError(line: line, message: "write the cluster as 'replicas 1, leaders 1, acceptors 3, clients 1'")
        }
        for pair in stride(from: 0, to: words.count, by: 2) {
            guard let count = Int(words[pair + 1]), count >= 0 else {
                throw StoryError(line: line, message: "'\(words[pair + 1])' is not a count")
            }
            switch words[pair] {
            case "replicas": cluster.replicas = count
            case "leaders": cluster.leaders = count
            case "acceptors": cluster.acceptors = count
            case "clients": cluster.clients = count
            default: throw StoryError(line: line, message: "unknown role '\(words[pair])'; roles are replicas, leaders, acceptors, clients")
            }
        }
        for (role, count) in [("replicas", cluster.replicas), ("leaders", cluster.leaders), ("acceptors", cluster.acceptors)] where count < 1 {
            throw StoryError(line: line, message: "a cluster needs at least one of \(role)")
        }
        return cluster
    }

    private static func processes(_ text: String, line: Int, in cluster: Story.Cluster) throws(StoryError) -> [ProcessID] {
        let ids = try words(text).map { word throws(StoryError) in try process(word, line: line, in: cluster) }
        guard Set(ids).count == ids.count else { throw StoryError(line: line, message: "a lane is listed twice") }
        return ids
    }

    /// A process of `cluster`; with `childrenAllowed`, also a scout or commander (`l0/c2`).
    private static func process(_ text: String, line: Int, in cluster: Story.Cluster, childrenAllowed: Bool = false) throws(StoryError) -> ProcessID {
        guard let id = ProcessID(text) else {
            throw StoryError(line: line, message: "'\(text)' is not a process; write r0, l0, a0, c0" + (childrenAllowed ? " or a child such as l0/c2" : ""))
        }
        let (index, count): (Int, Int)
        switch id.host {
        case .replica(let i): (index, count) = (i, cluster.replicas)
        case .leader(let i): (index, count) = (i, cluster.leaders)
        case .acceptor(let i): (index, count) = (i, cluster.acceptors)
        case .client(let i): (index, count) = (i, cluster.clients)
        case .scout, .commander: (index, count) = (0, 0)
        }
        guard index < count else { throw StoryError(line: line, message: "the cluster has no \(id.host)") }
        guard childrenAllowed || id == id.host else { throw StoryError(line: line, message: "name a process here, not a child such as '\(text)'") }
        return id
    }

    private static func ballot(_ text: String) -> Ballot? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let round = Int(parts[0]), let leader = Int(parts[1]), round >= 0, leader >= 0 else { return nil }
        return Ballot(round: round, leader: leader)
    }

    private static func isStep(_ entry: Story.Entry) -> Bool {
        if case .step = entry { return true }
        return false
    }

    /// The next line that is neither blank nor a comment, trimmed, with its number.
    private mutating func nextLine() -> (Int, String)? {
        while index < lines.count {
            index += 1
            let line = lines[index - 1].trimmed
            if !line.isEmpty, !line.hasPrefix("#") { return (index, line) }
        }
        return nil
    }

    /// The indented lines that continue a header value, joined with spaces.
    private mutating func continuation() -> String {
        var text = ""
        while index < lines.count, Self.isIndented(lines[index]) {
            text += " " + lines[index].trimmed
            index += 1
        }
        return text
    }

    /// `key: value` for a line whose key is a single lower-case word.
    private static func keyed(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon]
        guard !key.isEmpty, key.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
        return (String(key), String(line[line.index(after: colon)...]).trimmed)
    }

    private static func firstSentence(of text: String) -> String? {
        guard let end = text.firstIndex(of: ".") else { return text.isEmpty ? nil : text }
        return String(text[..<end])
    }

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    private static func isIndented(_ line: String) -> Bool {
        (line.first == " " || line.first == "\t") && !isBlank(line)
    }

    private static func isBlank(_ line: String) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }
}

extension String {
    /// Without leading and trailing white space.
    fileprivate var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

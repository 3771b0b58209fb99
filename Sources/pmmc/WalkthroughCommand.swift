import PMMCTeaching

/// `pmmc walkthrough`: runs a scripted walk-through and shows it, or lists them all.
struct WalkthroughCommand {
    static let usage = """
        USAGE: pmmc walkthrough NAME [options]
               pmmc walkthrough --file STORY [options]
               pmmc walkthrough --list

        Runs a walk-through: a scenario from the lecture slides or the paper, scripted step
        by step on the simulator, the same every time. Shows what each step delivers and the
        state it leaves, then checks the invariants the story demonstrates.

          --list                list the walk-throughs, one line each
          --file STORY          run the walk-through a story file tells (a schedule
                                of steps, actions and expectations; '-' reads standard
                                input); Docs/Walkthroughs.md, "Writing your own"
        OUTPUT
        \(OutputOptions.usage)
          --step                pause before each step until Enter is pressed (text on
                                standard output only); at the end of input, go on
          -h, --help            show this help

        Exit status: 0 when every check holds, 1 when a check fails, the walk-through
        cannot run or its output cannot be written, 2 for bad usage.
        """

    enum Action {
        case list
        case show(Walkthrough, OutputOptions, step: Bool)
    }

    let action: Action

    init(arguments: [String]) throws(UsageError) {
        var reader = ArgumentReader(arguments)
        let list = try reader.flag("--list")
        let storyPath = try reader.value("--file")
        let step = try reader.flag("--step")
        let output = try OutputOptions(&reader)
        let names = reader.operands()
        try reader.finish()
        if list {
            guard arguments == ["--list"] else {
                throw UsageError(message: "--list takes no walk-through name or other options")
            }
            action = .list
            return
        }
        let walkthrough: Walkthrough
        if let storyPath {
            guard names.isEmpty else { throw UsageError(message: "--file takes the place of a walk-through name; '\(names[0])' is one too many") }
            walkthrough = try Self.walkthrough(storyAt: storyPath)
        } else {
            guard let name = names.first else {
                throw UsageError(message: "name a walk-through or give --file STORY; run 'pmmc walkthrough --list'")
            }
            guard names.count == 1 else { throw UsageError(message: "unexpected argument '\(names[1])'") }
            guard let named = Walkthroughs.named(name) else {
                let hint = Walkthroughs.nearest(to: name).map { "did you mean '\($0.name)'? " } ?? ""
                throw UsageError(message: "unknown walk-through '\(name)'; \(hint)run 'pmmc walkthrough --list'")
            }
            walkthrough = named
        }
        if step {
            guard output.path == nil else { throw UsageError(message: "--step shows steps on the terminal; it cannot go with --output") }
            guard output.format == .text else { throw UsageError(message: "--step works only with --format text") }
        }
        action = .show(walkthrough, output, step: step)
    }

    func run() throws(Failure) -> Int32 {
        switch action {
        case .list:
            try OutputFile.standardOutput.write(line: Self.list(Walkthroughs.all))
            return 0
        case .show(let walkthrough, let output, let step):
            let transcript: Transcript
            do {
                transcript = try walkthrough.run()
            } catch {
                report("error: walk-through '\(walkthrough.name)' cannot run: \(error)")
                return 1
            }
            if step {
                try Self.present(transcript, renderer: TextRenderer(colour: output.colour))
            } else {
                try output.write(render(transcript, as: output.format, colour: output.colour))
            }
            for check in transcript.checks where !check.holds {
                report("check \(check.name) failed: \(check.statement) (\(check.detail))")
            }
            return transcript.allChecksHold ? 0 : 1
        }
    }

    /// The walk-through the story file at `path` tells, named after the file.
    static func walkthrough(storyAt path: String) throws(UsageError) -> Walkthrough {
        let file = try InputFile(path: path, kind: "story file")
        guard let text = String(validating: try file.readAll(), as: UTF8.self) else {
            throw UsageError(message: "story file \(file.name) is not UTF-8 text")
        }
        let base = path.split(separator: "/").last.map { $0.split(separator: ".").first.map(String.init) ?? String($0) } ?? "story"
        do {
            return Walkthrough(story: try Story(parsing: text, name: path == "-" ? "story" : base))
        } catch {
            throw UsageError(message: "story file \(file.name), \(error)")
        }
    }

    /// A header, then each walk-through's name and summary in aligned columns.
    static func list(_ walkthroughs: [Walkthrough]) -> String {
        let width = walkthroughs.map(\.name.count).reduce("NAME".count, max) + 2
        func row(_ name: String, _ summary: String) -> String {
            name + String(repeating: " ", count: width - name.count) + summary + "\n"
        }
        return row("NAME", "SUMMARY") + walkthroughs.map { row($0.name, $0.summary) }.joined()
    }

    /// Prints `transcript` a step at a time, waiting for a line on standard input before each
    /// step after the first; once standard input ends, prints the rest without waiting.
    static func present(_ transcript: Transcript, renderer: TextRenderer) throws(Failure) {
        let total = transcript.parts.reduce(0) { $0 + $1.steps.count }
        var waiting = true
        var shown = 0
        try show(renderer.header(transcript))
        for (index, part) in transcript.parts.enumerated() {
            let heading = renderer.part(index, of: transcript)
            for (position, step) in part.steps.enumerated() {
                if shown > 0, waiting {
                    printDiagnostic("— press Enter for step \(step.number) of \(total) —")
                    waiting = readLine() != nil
                }
                if position == 0, !heading.isEmpty { try show("\n" + heading) }
                try show("\n" + renderer.step(step))
                shown += 1
            }
        }
        let footer = renderer.footer(transcript)
        if !footer.isEmpty { try show("\n" + footer) }
    }

    private static func show(_ text: String) throws(Failure) {
        try OutputFile.standardOutput.write(Array(text.utf8))
    }

    private func report(_ message: String) {
        printDiagnostic("pmmc walkthrough: \(message.split(whereSeparator: \.isNewline).joined(separator: " "))")
    }
}

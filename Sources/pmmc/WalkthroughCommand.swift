import Foundation
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
          --step                show one step at a time (text on standard output only):
                                Enter for the next step, b for the one before, a step
                                number to jump to it, q to quit; on a terminal each step
                                gets a cleared screen; at the end of input, go on
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

    /// Shows `transcript` a step at a time on standard output, reading what to do next from
    /// standard input, with a cleared screen per step when standard output is a terminal.
    static func present(_ transcript: Transcript, renderer: TextRenderer) throws(Failure) {
        let presenter = StepPresenter(transcript: transcript, renderer: renderer,
                                      clearsScreen: isatty(STDOUT_FILENO) != 0)
        try presenter.run(nextLine: { readLine() }, write: show, prompt: printDiagnostic)
    }

    private static func show(_ text: String) throws(Failure) {
        try OutputFile.standardOutput.write(Array(text.utf8))
    }

    private func report(_ message: String) {
        printDiagnostic("pmmc walkthrough: \(message.split(whereSeparator: \.isNewline).joined(separator: " "))")
    }
}

/// `pmmc walkthrough --step`: a transcript one step at a time, driven by lines of input.
///
/// After each step it prompts and reads a line: empty or `n` for the next step, `b` for the
/// one before, a step number to jump to that step, `q` to quit. At the end of input it shows
/// the rest without waiting, so a piped or closed standard input still prints the whole
/// story. With `clearsScreen` (standard output is a terminal) every step starts on a cleared
/// screen under the title (the first under the whole header) and its part's heading;
/// otherwise steps follow one another, and a step shown again (back or a jump) is printed
/// again.
struct StepPresenter {
    /// What a line of input asks for.
    enum Command: Equatable {
        case next, back, quit
        case jump(Int)

        /// The command `line` names, or `nil` for none.
        init?(_ line: String) {
            let word = line.filter { !$0.isWhitespace }.lowercased()
            switch word {
            case "", "n", "next": self = .next
            case "b", "back", "p", "previous": self = .back
            case "q", "quit", "exit": self = .quit
            default:
                guard let number = Int(word) else { return nil }
                self = .jump(number)
            }
        }
    }

    /// The ANSI sequence that moves the cursor home and clears the screen.
    static let clearScreen = "\u{1B}[H\u{1B}[2J"

    let transcript: Transcript
    let renderer: TextRenderer
    let clearsScreen: Bool

    /// Runs the presentation: writes with `write`, prompts with `prompt`, and reads with
    /// `nextLine`, which returns `nil` at the end of input.
    func run(nextLine: () -> String?, write: (String) throws(Failure) -> Void,
             prompt: (String) -> Void) throws(Failure) {
        let steps = transcript.parts.enumerated().flatMap { part, content in content.steps.map { (part, $0) } }
        guard !steps.isEmpty else {
            try write(renderer.header(transcript))
            return
        }
        var index = 0
        var shownPart: Int?
        var waiting = true
        var message: String?
        let header = renderer.header(transcript)
        var screen = header
        while true {
            let (part, step) = steps[index]
            // Once input has ended the rest follows on, uncleared, so that it can be read.
            if clearsScreen, waiting {
                screen = Self.clearScreen + (screen.isEmpty ? String(header.prefix { $0 != "\n" }) + "\n" : screen)
                shownPart = nil
            }
            let heading = renderer.part(part, of: transcript)
            if shownPart != part, !heading.isEmpty { screen += "\n" + heading }
            shownPart = part
            try write(screen + "\n" + renderer.step(step))
            screen = ""
            guard waiting else {
                if index + 1 == steps.count { break }
                index += 1
                continue
            }
            var command: Command?
            while command == nil {
                prompt((message.map { $0 + " " } ?? "") + "— step \(step.number) of \(steps.count): Enter next, "
                       + "b back, a number to jump, q quit —")
                message = nil
                guard let line = nextLine() else {
                    waiting = false
                    command = .next
                    break
                }
                command = Command(line)
                if command == nil { message = "'\(line)' is no command." }
                if case .jump(let number) = command, !steps.contains(where: { $0.1.number == number }) {
                    message = "There is no step \(number)."
                    command = nil
                }
            }
            switch command {
            case .next?:
                if index + 1 == steps.count {
                    let footer = renderer.footer(transcript)
                    if !footer.isEmpty { try write("\n" + footer) }
                    return
                }
                index += 1
            case .back?:
                index = max(0, index - 1)
            case .jump(let number)?:
                index = steps.firstIndex { $0.1.number == number } ?? index
            case .quit?, nil:
                return
            }
        }
        let footer = renderer.footer(transcript)
        if !footer.isEmpty { try write("\n" + footer) }
    }
}

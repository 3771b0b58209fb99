import Testing
import PMMCTeaching
@testable import pmmc

/// `pmmc walkthrough --step`, driven by a scripted standard input.
@Suite("walk-through --step")
struct StepPresenterTests {
    /// What a presentation of `name` writes and prompts, fed `lines` and then the end of input.
    private func present(_ name: String, lines: [String], clearsScreen: Bool = false) throws
        -> (output: String, prompts: [String]) {
        let transcript = try #require(Walkthroughs.named(name)).run()
        let presenter = StepPresenter(transcript: transcript, renderer: TextRenderer(), clearsScreen: clearsScreen)
        var input = lines[...]
        var output = ""
        var prompts: [String] = []
        try presenter.run(nextLine: { input.popFirst() }, write: { output += $0 }, prompt: { prompts.append($0) })
        return (output, prompts)
    }

    /// The numbers of the steps in `output`, in the order shown.
    private func stepsShown(_ output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Step ") else { return nil }
            return Int(line.dropFirst(5).prefix { $0.isNumber })
        }
    }

    @Test("Enter goes on, b goes back, a number jumps, q quits")
    func navigation() throws {
        let (output, prompts) = try present("acceptors", lines: ["", "b", "4", "b", "q"])
        #expect(stepsShown(output) == [1, 2, 1, 4, 3])
        #expect(prompts.count == 5)
        #expect(prompts[0] == "— step 1 of 4: Enter next, b back, a number to jump, q quit —")
        #expect(!output.contains("Invariants"), "quitting skips the checks")
    }

    @Test("after the last step, Enter shows the checks and ends")
    func end() throws {
        let (output, prompts) = try present("acceptors", lines: ["4", ""])
        #expect(stepsShown(output) == [1, 4])
        #expect(output.contains("Invariants checked"))
        #expect(prompts.count == 2)
    }

    @Test("back from the first step stays there; an unknown line or step asks again")
    func mistakes() throws {
        let (output, prompts) = try present("acceptors", lines: ["b", "frobnicate", "9", "2", "q"])
        #expect(stepsShown(output) == [1, 1, 2])
        #expect(prompts[2].hasPrefix("'frobnicate' is no command. — step 1"))
        #expect(prompts[3].hasPrefix("There is no step 9. — step 1"))
    }

    @Test("at the end of input the rest is shown without waiting: the whole walk-through")
    func endOfInput() throws {
        let transcript = try #require(Walkthroughs.named("getting-elected")).run()
        let (output, prompts) = try present("getting-elected", lines: ["", "b"])
        #expect(stepsShown(output) == [1, 2, 1] + Array(2...transcript.parts.flatMap(\.steps).count))
        #expect(prompts.count == 3, "one prompt per line read, and the one that met the end")
        #expect(output.hasSuffix(TextRenderer().footer(transcript)))
    }

    @Test("a jump into a fork outcome shows the outcome's heading")
    func headings() throws {
        let transcript = try #require(Walkthroughs.named("getting-elected")).run()
        let outcome = try #require(transcript.parts.last)
        let first = try #require(outcome.steps.first)
        let (output, _) = try present("getting-elected", lines: ["\(first.number)", "q"])
        #expect(output.contains(try #require(outcome.heading)))
    }

    @Test("on a terminal every step starts on a cleared screen under the title; after input ends, no more clearing")
    func clearedScreens() throws {
        let (output, _) = try present("acceptors", lines: ["", "b"], clearsScreen: true)
        let screens = output.components(separatedBy: StepPresenter.clearScreen).dropFirst()
        #expect(screens.count == 3)
        for screen in screens { #expect(screen.hasPrefix("Acceptors: adopting ballots and accepting pvalues\n")) }
        #expect(screens.first?.contains("Processes:") == true, "the first screen has the whole header")
        #expect(stepsShown(output) == [1, 2, 1, 2, 3, 4])
    }

    @Test("commands: words, letters, numbers, spaces")
    func commands() {
        #expect(StepPresenter.Command("") == .next)
        #expect(StepPresenter.Command(" n ") == .next)
        #expect(StepPresenter.Command("B") == .back)
        #expect(StepPresenter.Command("12") == .jump(12))
        #expect(StepPresenter.Command("quit") == .quit)
        #expect(StepPresenter.Command("x") == nil)
    }
}

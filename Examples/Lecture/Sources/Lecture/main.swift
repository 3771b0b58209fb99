import Foundation
import PMMCTeaching

// Runs the walk-through and prints it: `swift run Lecture` for text, `swift run Lecture svg`
// for the SVG picture, `swift run Lecture markdown` for Markdown. Exits 1 if a check fails.
let format = CommandLine.arguments.dropFirst().first ?? "text"
let transcript: Transcript
do {
    transcript = try crashedAcceptors.run()
} catch {
    FileHandle.standardError.write(Data("Lecture: the walk-through cannot run: \(error)\n".utf8))
    exit(1)
}
switch format {
case "text": print(TextRenderer().render(transcript), terminator: "")
case "svg": print(SVGRenderer().render(transcript), terminator: "")
case "markdown": print(MarkdownRenderer().render(transcript), terminator: "")
default:
    FileHandle.standardError.write(Data("usage: Lecture [text | svg | markdown]\n".utf8))
    exit(2)
}
exit(transcript.allChecksHold ? 0 : 1)

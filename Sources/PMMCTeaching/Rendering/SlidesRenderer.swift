import PMMC

/// Draws a ``Transcript`` as a slide deck: one standalone HTML page, with no external
/// resources, holding a title slide with the lesson, one space-time diagram per step and a
/// slide with the checks.
///
/// Each step's frame draws only the lanes the step involves (the processes its events name
/// and whose state it shows), its events, and the whole state of every process it shows in
/// the slides' notation, each changed field marked `old → new`; a message sent in an earlier
/// step starts just above the step with a dashed lead-in. A frame is at most
/// ``frameWidth`` × ``frameHeight`` pixels when the step involves at most ten lanes, so it
/// fits a 16:9 projector at 100% zoom; the page scales a larger one down to the window.
///
/// In the browser: → or Space for the next slide, ← for the previous one, Home and End, or a
/// step number in the address (`#5`). Printed, every slide is a page.
public struct SlidesRenderer: Sendable {
    /// The frame size a projector shows whole: 16:9.
    public static let frameWidth = 1920.0
    public static let frameHeight = 1080.0
    /// The narrowest frame, so that a step on one or two lanes still has room for its labels.
    static let minimumFrameWidth = 900.0

    public init() {}

    /// The HTML document, ending with a newline.
    public func render(_ transcript: Transcript) -> String {
        let frames = frames(transcript)
        var slides: [String] = []
        var intro = "<h1>\(SVGMarkup.escape(transcript.title))</h1>"
        if !transcript.lesson.isEmpty {
            intro += transcript.lesson.split(whereSeparator: \.isNewline).map { "<p>\(SVGMarkup.escape(String($0)))</p>" }.joined()
        }
        intro += "<p class=\"hint\">\(frames.count) steps. → or Space: next; ←: back; Home, End.</p>"
        slides.append(intro)
        slides += frames.map(\.document)
        if !transcript.checks.isEmpty {
            let rows = transcript.checks.map { check in
                "<li class=\"\(check.holds ? "ok" : "bad")\">\(check.holds ? "✓" : "✗") <b>\(SVGMarkup.escape(check.name))</b> — "
                    + SVGMarkup.escape(check.statement) + (check.holds ? "" : " (violated)")
                    + (check.detail.isEmpty ? "" : "<br><i>\(SVGMarkup.escape(check.detail))</i>") + "</li>"
            }
            slides.append("<h2>Invariants checked</h2><ul>" + rows.joined() + "</ul>")
        }
        let sections = slides.enumerated().map { index, content in
            "<section class=\"slide\" id=\"s\(index)\">\n\(content)</section>"
        }
        return Self.head(title: transcript.title) + sections.joined(separator: "\n") + "\n" + Self.tail
    }

    /// One drawing per step, in order.
    func frames(_ transcript: Transcript) -> [SVGRenderer.Drawing] {
        let total = transcript.parts.reduce(0) { $0 + $1.steps.count }
        let allLanes = transcript.drawnLanes
        return transcript.parts.flatMap { part in
            part.steps.map { step in
                let involved = Set(step.events.flatMap { [$0.source?.host, $0.destination?.host] }.compactMap { $0 }
                    + step.panels.compactMap { panel -> ProcessID? in
                        if case .state(let state) = panel { return state.process.host }
                        return nil
                    })
                let frame = Transcript(
                    title: "\(transcript.title) · step \(step.number) of \(total)",
                    lanes: allLanes.filter(involved.contains),
                    parts: [Transcript.Part(heading: part.heading, steps: [step])])
                return SVGRenderer().drawing(frame, detail: .whole, maximumWidth: Self.frameWidth, minimumWidth: Self.minimumFrameWidth)
            }
        }
    }

    private static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(SVGMarkup.escape(title))</title>
        <style>
        body { margin: 0; font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; background: #ffffff; }
        .slide { display: none; box-sizing: border-box; width: 100vw; height: 100vh; padding: 1em; overflow: hidden; }
        .slide.current { display: block; }
        .slide > svg { display: block; margin: 0 auto; width: 100%; height: calc(100vh - 2em); }
        .slide h1, .slide h2 { color: #0d47a1; }
        .slide p, .slide li { font-size: 20px; line-height: 1.5; max-width: 60em; }
        .slide .hint { color: #757575; font-size: 16px; }
        .slide li.ok { color: #2e7d32; } .slide li.bad { color: #d50000; }
        .slide li i { color: #616161; }
        @media print {
          .slide { display: block; width: auto; height: auto; page-break-after: always; break-after: page; }
        }
        </style>
        </head>
        <body>
        <svg width="0" height="0" style="position: absolute">\(SVGStyle.markers)</svg>

        """
    }

    private static let tail = """
        <script>
        const slides = Array.from(document.querySelectorAll('.slide'));
        let current = 0;
        function show(index) {
          current = Math.max(0, Math.min(slides.length - 1, index));
          slides.forEach((slide, i) => slide.classList.toggle('current', i === current));
          history.replaceState(null, '', '#' + current);
        }
        document.addEventListener('keydown', (event) => {
          if (['ArrowRight', 'PageDown', ' '].includes(event.key)) show(current + 1);
          else if (['ArrowLeft', 'PageUp', 'Backspace'].includes(event.key)) show(current - 1);
          else if (event.key === 'Home') show(0);
          else if (event.key === 'End') show(slides.length - 1);
          else return;
          event.preventDefault();
        });
        document.addEventListener('click', (event) => show(current + (event.clientX < window.innerWidth / 3 ? -1 : 1)));
        show(parseInt(location.hash.slice(1), 10) || 0);
        </script>
        </body>
        </html>

        """
}

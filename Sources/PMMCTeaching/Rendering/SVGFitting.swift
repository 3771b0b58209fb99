extension SVGRenderer {
    /// A picture cut to a maximum height: the document, and how much of the story it shows.
    public struct FittedPicture: Sendable {
        /// The SVG document, ending with a newline.
        public let document: String
        /// The steps drawn: the first ones of the story, in order.
        public let stepsDrawn: Int
        /// The steps in the story.
        public let stepCount: Int
        /// The size of the picture of the whole story, in pixels.
        public let fullWidth: Double
        public let fullHeight: Double
        /// The size of the picture drawn.
        public let width: Double
        public let height: Double

        /// Whether the picture leaves steps out.
        public var isCut: Bool { stepsDrawn < stepCount }
    }

    /// The picture of `transcript`, or, when it would be taller than `maximumHeight` pixels,
    /// of as many of its first steps as fit (at least one).
    public func render(_ transcript: Transcript, maximumHeight: Double) -> FittedPicture {
        let stepCount = transcript.parts.reduce(0) { $0 + $1.steps.count }
        let whole = drawing(transcript, detail: .changes)
        guard whole.height > maximumHeight else {
            return FittedPicture(document: whole.document, stepsDrawn: stepCount, stepCount: stepCount,
                                 fullWidth: whole.width, fullHeight: whole.height, width: whole.width, height: whole.height)
        }
        // The checks and margins below the steps stay; the steps above the room left are kept.
        let below = whole.height - whole.layout.bodyBottom
        let room = maximumHeight - below
        var kept = 0
        for band in whole.layout.parts.flatMap(\.steps) where band.top + band.height <= room { kept += 1 }
        var stepsDrawn = max(1, kept)
        var cut = Self.firstSteps(stepsDrawn, of: transcript)
        var picture = drawing(cut, detail: .changes)
        // Steps the first layout spread apart may be drawn flatter in a shorter story, never
        // taller, so this shortens only when the picture still does not fit.
        while picture.height > maximumHeight, stepsDrawn > 1 {
            stepsDrawn = max(1, stepsDrawn * 9 / 10)
            cut = Self.firstSteps(stepsDrawn, of: transcript)
            picture = drawing(cut, detail: .changes)
        }
        return FittedPicture(document: picture.document, stepsDrawn: stepsDrawn, stepCount: stepCount,
                             fullWidth: whole.width, fullHeight: whole.height, width: picture.width, height: picture.height)
    }

    /// `transcript` with its first `count` steps only, its parts in order.
    static func firstSteps(_ count: Int, of transcript: Transcript) -> Transcript {
        var left = count
        var cut = transcript
        cut.parts = []
        for part in transcript.parts where left > 0 {
            var kept = part
            kept.steps = Array(part.steps.prefix(left))
            left -= kept.steps.count
            cut.parts.append(kept)
        }
        return cut
    }
}

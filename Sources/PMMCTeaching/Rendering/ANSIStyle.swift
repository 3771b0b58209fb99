/// An ANSI SGR style for terminal text, applied only when colour is on.
struct ANSIStyle: Equatable {
    /// The SGR parameters, e.g. `[1, 31]` for bold red.
    let codes: [Int]

    static let bold = ANSIStyle(codes: [1])
    static let title = ANSIStyle(codes: [1, 4])
    static let dim = ANSIStyle(codes: [2])
    static let red = ANSIStyle(codes: [31])
    static let boldRed = ANSIStyle(codes: [1, 31])
    static let green = ANSIStyle(codes: [32])
    static let yellow = ANSIStyle(codes: [33])
    static let boldYellow = ANSIStyle(codes: [1, 33])
    static let cyan = ANSIStyle(codes: [1, 36])

    /// `text` wrapped in this style's escape and a reset, or `text` itself when `enabled` is
    /// false or the text is empty.
    func apply(to text: String, enabled: Bool) -> String {
        guard enabled, !text.isEmpty else { return text }
        let parameters = codes.map(String.init).joined(separator: ";")
        return "\u{1B}[\(parameters)m\(text)\u{1B}[0m"
    }

    /// The style for an event of this tone, if it has one.
    init?(tone: EventNotation.Tone) {
        switch tone {
        case .plain: return nil
        case .quiet: self = .dim
        case .failure: self = .red
        case .success: self = .green
        case .warning: self = .yellow
        }
    }

    private init(codes: [Int]) {
        self.codes = codes
    }
}

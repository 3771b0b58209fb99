/// The step narrations in the left gutter.
enum SVGGutter {
    /// `text` wrapped into at most `count` lines of `width` characters, the last one cut with
    /// `…` if the text is longer.
    static func lines(_ text: String, width: Int, count: Int) -> [String] {
        let wrapped = TextWrapping.wrap(text, width: width).map { SVGMarkup.truncate($0, to: width) }
        guard wrapped.count > count else { return wrapped }
        var lines = Array(wrapped.prefix(count))
        lines[count - 1] = SVGMarkup.truncate(lines[count - 1] + " " + wrapped[count], to: width)
        if !lines[count - 1].hasSuffix("…") {
            lines[count - 1] = SVGMarkup.truncate(lines[count - 1] + " …", to: width)
        }
        return lines
    }
}

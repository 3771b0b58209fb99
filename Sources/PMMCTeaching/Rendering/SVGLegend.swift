/// The key to the diagram's notation, drawn in one row under the title.
enum SVGLegend {
    static func elements(y: Double) -> [String] {
        var x = SVGLayout.margin
        var elements: [String] = []
        func sample(_ drawing: String, _ label: String, width: Double = 30) {
            elements.append(drawing)
            elements.append(SVGCanvas.text(label, x: x + width + 6, y: y + 4, classes: "legend"))
            x += width + 24 + Double(label.count) * 7
        }
        sample(SVGCanvas.line(x, y, x + 30, y, classes: "msg", extra: [("marker-end", "url(#arrow)")]), "message")
        sample(SVGCanvas.line(x, y, x + 30, y, classes: "msg ignored", extra: [("marker-end", "url(#arrow-ignored)")]),
               "ignored")
        sample(SVGCanvas.line(x, y, x + 24, y, classes: "msg dropped") + SVGCanvas.cross(x: x + 25, y: y), "dropped")
        sample(SVGCanvas.line(x, y, x + 30, y, classes: "msg pending", extra: [("marker-end", "url(#arrow-open)")]),
               "in flight at the end")
        sample(SVGCanvas.line(x, y, x + 30, y, classes: "msg lead"), "sent before the fork")
        sample(SVGCanvas.rect(x: x, y: y - 7, width: 30, height: 14, classes: "crash-box", radius: 3), "crash")
        sample(SVGCanvas.line(x + 15, y - 8, x + 15, y + 8, classes: "down"), "down", width: 30)
        sample(SVGCanvas.rect(x: x, y: y - 7, width: 30, height: 14, classes: "decision-box", radius: 3), "decision")
        return elements
    }
}

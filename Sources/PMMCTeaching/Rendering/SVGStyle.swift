/// The SVG's style sheet and arrowhead definitions, shared by every diagram.
enum SVGStyle {
    static let messageColour = "#283593"
    static let ignoredColour = "#9e9e9e"
    static let dropColour = "#d50000"
    static let decisionColour = "#2e7d32"

    /// The arrowheads, by id: `arrow`, `arrow-ignored`, `arrow-open`.
    static let markers = """
    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="\(messageColour)"/></marker>
    <marker id="arrow-ignored" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="\(ignoredColour)"/></marker>
    <marker id="arrow-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,1 L9,5 L0,9" fill="none" stroke="#5c6bc0" stroke-width="1.5"/></marker>
    """

    static let definitions = """
    <defs>
    <style>
    text { font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; fill: #212121; }
    .background { fill: #ffffff; }
    .mono { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
    .title { font-size: 20px; font-weight: bold; }
    .small { font-size: 11px; }
    .legend { font-size: 11.5px; fill: #424242; }
    .heading { font-size: 13px; font-weight: bold; fill: #0d47a1; }
    .note { font-size: 11px; font-style: italic; fill: #616161; }
    .step-number { font-size: 12px; font-weight: bold; fill: #37474f; }
    .narration { font-size: 11px; fill: #455a64; }
    .lane-name { font-size: 14px; font-weight: bold; }
    .lane-role { font-size: 10.5px; fill: #757575; }
    .lane-box { fill: #eceff1; stroke: #90a4ae; }
    .lane { stroke: #78909c; stroke-width: 1.5; }
    .gap { stroke: #ffffff; stroke-width: 4; }
    .down { stroke: #bdbdbd; stroke-width: 1.5; stroke-dasharray: 6 4; }
    .band { fill: #f5f7fa; }
    .heading-band { fill: #e3f2fd; }
    .msg { stroke: \(messageColour); stroke-width: 1.3; fill: none; }
    .msg.ignored { stroke: \(ignoredColour); stroke-dasharray: 5 3; }
    .msg.dropped { stroke: #e57373; }
    .msg.lead, .msg.pending, .msg.sample-lead { stroke-dasharray: 3 3; }
    .label { font-size: 10.5px; fill: \(messageColour); paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
    .label.ignored { fill: #757575; }
    .label.dropped { fill: #b71c1c; }
    .label.pending { fill: #5c6bc0; }
    .cross { stroke: \(dropColour); stroke-width: 2.4; stroke-linecap: round; }
    .crash-box { fill: #c62828; }
    .restart-box { fill: #1565c0; }
    .decision-box { fill: \(decisionColour); }
    .response-box { fill: #00695c; }
    .badge { font-size: 10.5px; font-weight: bold; fill: #ffffff; }
    .timer { font-size: 10.5px; fill: #e65100; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
    .timer-dot { fill: #ffffff; stroke: #e65100; stroke-width: 1.5; }
    .spawn { font-size: 10px; fill: #616161; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
    .spawn-dot { fill: #616161; }
    .network { stroke: #8e24aa; stroke-width: 1.2; stroke-dasharray: 8 4; }
    .network-label { font-size: 10.5px; fill: #6a1b9a; }
    .state-box { fill: #fffdf5; fill-opacity: 0.94; stroke: #bcaaa4; }
    .state-title { font-size: 10px; font-weight: bold; fill: #4e342e; }
    .state-line { font-size: 10px; fill: #424242; white-space: pre; }
    .state-line.changed { fill: #bf360c; font-weight: bold; }
    .state-line.table-head { fill: #4e342e; font-weight: bold; }
    .state-bar { fill: #ff7043; }
    .check-ok { fill: \(decisionColour); font-weight: bold; }
    .check-bad { fill: \(dropColour); font-weight: bold; }
    </style>
    \(markers)
    </defs>
    """
}

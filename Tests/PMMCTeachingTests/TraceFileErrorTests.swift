import Testing
import PMMCSimulation
import PMMCTrace
import PMMCTeaching

/// A malformed trace file gives a ``TraceFileError`` naming the first bad line and saying what
/// is wrong with it, in one line.
@Suite("Trace file errors")
struct TraceFileErrorTests {
    static let header = #"{"pmmc":"trace","version":2,"host":"simulator","time":"tick","command":"simulate","arguments":["--seed","1"]}"#
    static let good = #"{"time":3,"kind":"send","src":"l0/s1","dst":"a0","id":0,"type":"p1a","msg":"p1a(0.0)"}"#

    /// The error parsing `lines` joined by line feeds, or `nil` if it parses.
    static func error(_ lines: [String]) -> TraceFileError? {
        do {
            _ = try TraceFile(parsing: lines.joined(separator: "\n") + "\n")
            return nil
        } catch {
            return error
        }
    }

    /// The error for a file of the header, one good event, then `line`: always on line 3.
    static func eventError(_ line: String) -> TraceFileError? {
        error([header, good, line])
    }

    @Test("an empty file, or one of blank lines only")
    func empty() throws {
        #expect(throws: TraceFileError(line: 1, reason: "empty file")) { try TraceFile(parsing: "") }
        #expect(throws: TraceFileError(line: 1, reason: "empty file")) { try TraceFile(parsing: "\n \n\n") }
    }

    @Test("no header: the first line is an event, or something else")
    func missingHeader() {
        #expect(Self.error([Self.good]) == TraceFileError(
            line: 1, reason: #"missing header: the first line is an event, not {"pmmc":"trace",…}"#))
        #expect(Self.error([#"{"name":"x"}"#]) == TraceFileError(
            line: 1, reason: #"not a pmmc trace: the first line has no "pmmc" field"#))
        #expect(Self.error([#"[1,2]"#]) == TraceFileError(
            line: 1, reason: "not a pmmc trace: the first line is an array, not a header object"))
        #expect(Self.error([#"{"pmmc":"history","version":1}"#]) == TraceFileError(
            line: 1, reason: #"not a pmmc trace: "pmmc" is "history", not "trace""#))
        #expect(Self.error(["hello world"])?.line == 1)
        #expect(Self.error(["hello world"])?.reason.hasPrefix("not JSON: ") == true)
    }

    @Test("a header of another version, or with fields missing, unknown or of the wrong type")
    func badHeader() {
        #expect(Self.error([#"{"pmmc":"trace","version":1,"command":"simulate","arguments":[]}"#]) == TraceFileError(
            line: 1, reason: "unsupported trace version 1; this pmmc reads version 2 (written before message ids; run the command again to write it anew)"))
        #expect(Self.error([#"{"pmmc":"trace","version":3,"command":"simulate","arguments":[]}"#]) == TraceFileError(
            line: 1, reason: "unsupported trace version 3; this pmmc reads version 2"))
        #expect(Self.error([#"{"pmmc":"trace","version":"2","command":"simulate","arguments":[]}"#]) == TraceFileError(
            line: 1, reason: #""version" must be an integer, got "2""#))
        #expect(Self.error([#"{"pmmc":"trace","version":2,"host":"simulator","time":"tick","arguments":[]}"#]) == TraceFileError(
            line: 1, reason: #"missing field "command""#))
        #expect(Self.error([#"{"pmmc":"trace","version":2,"time":"tick","command":"simulate","arguments":[]}"#]) == TraceFileError(
            line: 1, reason: #"missing field "host""#))
        #expect(Self.error([#"{"pmmc":"trace","version":2,"host":"cloud","time":"tick","command":"simulate","arguments":[]}"#])
            == TraceFileError(line: 1, reason: #"unknown host "cloud"; expected "simulator" or "runtime""#))
        #expect(Self.error([#"{"pmmc":"trace","version":2,"host":"runtime","time":"ms","command":"run","arguments":[]}"#])
            == TraceFileError(line: 1, reason: #"unknown time unit "ms"; expected "tick" or "microsecond""#))
        #expect(Self.error([#"{"pmmc":"trace","version":2,"host":"simulator","time":"tick","command":"simulate","arguments":["--seed",1]}"#])
            == TraceFileError(line: 1, reason: #""arguments" must be an array of strings, got 1"#))
        #expect(Self.error([#"{"pmmc":"trace","version":2,"host":"simulator","time":"tick","command":"simulate","arguments":[],"x":0}"#])
            == TraceFileError(line: 1, reason: #"unknown field "x""#))
    }

    @Test("message events carry their id, and only they do; flags and names must be known")
    func idsAndTypedFields() {
        let cases: [(String, String)] = [
            (#"{"time":4,"kind":"send","src":"r0","dst":"l0","msg":"propose(1, x)"}"#, #"missing field "id": a send names the message's id"#),
            (#"{"time":4,"kind":"heal","id":3}"#, #""id" belongs to message events, not to a heal"#),
            (#"{"time":4,"kind":"drop","id":-1}"#, #""id" must not be negative, got -1"#),
            (#"{"time":4,"kind":"drop","id":1,"reason":"gone"}"#, #"unknown drop reason "gone""#),
            (#"{"time":4,"kind":"send","id":1,"type":"p3a"}"#, #"unknown message type "p3a""#),
            (#"{"time":4,"kind":"timer","src":"r0","timer":"resend"}"#, #"unknown timer "resend""#),
            (#"{"time":4,"kind":"timer","src":"r0","timer":"leaderCheck(epoch: x)"}"#, #"unknown timer "leaderCheck(epoch: x)""#),
            (#"{"time":4,"kind":"deliver","id":1,"ignored":"yes"}"#, #""ignored" must be true or false, got "yes""#),
        ]
        for (line, reason) in cases {
            #expect(Self.eventError(line) == TraceFileError(line: 3, reason: reason), "\(line)")
        }
    }

    @Test("a reader stops at the first bad line and holds no more than a line: a header then a flood of line feeds, or megabytes with no line feed")
    func streaming() throws {
        var chunks = 0
        var reader = try TraceReader { () throws(TraceFileError) -> [UInt8]? in
            chunks += 1
            if chunks == 1 { return Array((Self.header + "\n").utf8) }
            return chunks <= 200 ? [UInt8](repeating: UInt8(ascii: "\n"), count: 1 << 16) : nil
        }
        #expect(try reader.next() == nil, "line feeds at the end are allowed")
        #expect(chunks == 201)
        var garbage = 0
        #expect(throws: TraceFileError(line: 1, reason: "not a pmmc trace: the first line is longer than 65536 bytes")) {
            _ = try TraceReader { () throws(TraceFileError) -> [UInt8]? in
                garbage += 1
                return [UInt8](repeating: 0, count: 1 << 12)
            }
        }
        #expect(garbage == 17, "it read just past the header's limit, not the whole source")
    }

    @Test("a line that is not JSON says where it goes wrong")
    func notJSON() {
        let cases: [(String, String)] = [
            (#"{"time":3,"kind":"send""#, "not JSON: expected ',' or '}', found end of line at column 24"),
            (#"{"time":3,,"kind":"send"}"#, "not JSON: expected a key in quotes, found ',' at column 11"),
            (#"{"time":3} x"#, "not JSON: unexpected 'x' after the value at column 12"),
            (#"{"time":03,"kind":"send"}"#, "not JSON: expected ',' or '}', found '3' at column 10"),
            (#"{"time":3,"kind":"se\qnd"}"#, "not JSON: unknown escape: backslash before 'q' at column 22"),
            (#"{"time":3,"kind":"send","msg":"\ud800"}"#, #"not JSON: unpaired surrogate in a \u escape at column 32"#),
            ("{\"time\":3,\"kind\":\"send\",\"msg\":\"a\tb\"}", "not JSON: control character in a string (escape it) at column 33"),
            (#"{"time":3,"kind":"send","time":4}"#, #"not JSON: duplicate key "time" at column 25"#),
            (#"{"time":3,"kind":"send","msg":"open}"#, "not JSON: unterminated string at column 37"),
            (String(repeating: "[", count: 100_000), "not JSON: nested more than 64 deep at column 65"),
        ]
        for (line, reason) in cases {
            #expect(Self.eventError(line) == TraceFileError(line: 3, reason: reason), "\(line.prefix(50))")
        }
    }

    @Test("bytes that are not UTF-8, in a string with escapes and without, reported at its opening quote")
    func notUTF8() throws {
        for message in [#""x""#, #""\n x""#, #""x \u00e9""#] {
            var bytes = Array((Self.header + "\n" + #"{"time":1,"kind":"send","msg":"# + message + "}").utf8)
            bytes.insert(0xFF, at: Self.header.utf8.count + 1 + 31)
            #expect(throws: TraceFileError(line: 2, reason: "not JSON: string is not valid UTF-8 at column 31")) {
                try TraceFile(parsing: bytes)
            }
        }
    }

    @Test("a missing or unknown kind")
    func badKind() {
        #expect(Self.eventError(#"{"time":4,"src":"r0"}"#) == TraceFileError(line: 3, reason: #"missing field "kind""#))
        #expect(Self.eventError(#"{"time":4,"kind":"sned"}"#) == TraceFileError(line: 3, reason: #"unknown kind "sned""#))
        #expect(Self.eventError(#"{"time":4,"kind":7}"#) == TraceFileError(line: 3, reason: #""kind" must be a string, got 7"#))
    }

    @Test("a time that is missing, not an integer, negative, or earlier than the previous event's")
    func badTime() {
        let cases: [(String, String)] = [
            (#"{"kind":"heal"}"#, #"missing field "time""#),
            (#"{"time":"4","kind":"heal"}"#, #""time" must be an integer, got "4""#),
            (#"{"time":4.5,"kind":"heal"}"#, #""time" must be an integer, got 4.5"#),
            (#"{"time":4e2,"kind":"heal"}"#, #""time" must be an integer, got 4e2"#),
            (#"{"time":99999999999999999999,"kind":"heal"}"#, #""time" must be an integer, got 99999999999999999999"#),
            (#"{"time":null,"kind":"heal"}"#, #""time" must be an integer, got null"#),
            (#"{"time":-1,"kind":"heal"}"#, #""time" must not be negative, got -1"#),
            (#"{"time":2,"kind":"heal"}"#, "time 2 is before the previous event's time 3"),
        ]
        for (line, reason) in cases {
            #expect(Self.eventError(line) == TraceFileError(line: 3, reason: reason), "\(line)")
        }
    }

    @Test("a source or destination that is not a process name")
    func badProcess() {
        #expect(Self.eventError(#"{"time":4,"kind":"send","src":"x9","dst":"a0"}"#) == TraceFileError(
            line: 3, reason: #""src" is not a process name such as r0, l1 or l0/s2: "x9""#))
        #expect(Self.eventError(#"{"time":4,"kind":"send","src":"r0","dst":"a01"}"#) == TraceFileError(
            line: 3, reason: #""dst" is not a process name such as r0, l1 or l0/s2: "a01""#))
        #expect(Self.eventError(#"{"time":4,"kind":"send","src":0}"#) == TraceFileError(
            line: 3, reason: #""src" must be a string, got 0"#))
        #expect(Self.eventError("{\"time\":4,\"kind\":\"send\",\"src\":\"r0\\nr1\"}") == TraceFileError(
            line: 3, reason: #""src" is not a process name such as r0, l1 or l0/s2: "r0\u000ar1""#))
    }

    @Test("fields of the wrong type, unknown fields, and lines that are not objects")
    func wrongTypes() {
        let cases: [(String, String)] = [
            (#"{"time":4,"kind":"decide","slot":"1"}"#, #""slot" must be an integer, got "1""#),
            (#"{"time":4,"kind":"send","msg":["p1a"]}"#, #""msg" must be a string, got an array"#),
            (#"{"time":4,"kind":"drop","detail":{"why":"loss"}}"#, #""detail" must be a string, got an object"#),
            (#"{"time":4,"kind":"send","message":"p1a"}"#, #"unknown field "message""#),
            (#"[4,"send"]"#, "an event must be a JSON object, got an array"),
            (#""send""#, #"an event must be a JSON object, got "send""#),
        ]
        for (line, reason) in cases {
            #expect(Self.eventError(line) == TraceFileError(line: 3, reason: reason), "\(line)")
        }
    }

    @Test("a blank line inside the file, and the line number of a later line")
    func lineNumbers() {
        #expect(Self.error([Self.header, Self.good, "", Self.good]) == TraceFileError(line: 3, reason: "blank line inside the trace"))
        let lines = [Self.header] + Array(repeating: Self.good, count: 41) + [#"{"time":3}"#] + [Self.good]
        #expect(Self.error(lines) == TraceFileError(line: 43, reason: #"missing field "kind""#))
    }

    @Test("a single line given to TraceEvent(jsonLine:) reports line 1")
    func singleLine() {
        #expect(throws: TraceFileError(line: 1, reason: #"unknown kind "x""#)) {
            try TraceEvent(jsonLine: #"{"time":1,"kind":"x"}"#)
        }
    }

    @Test("every reason is one line")
    func oneLine() {
        let error = Self.eventError("{\"time\":4,\"kind\":\"se\\u2028nd\\n\"}")
        #expect(error == TraceFileError(line: 3, reason: #"unknown kind "se\u2028nd\u000a""#))
        #expect(error.map { !$0.description.contains("\n") } == true)
    }
}

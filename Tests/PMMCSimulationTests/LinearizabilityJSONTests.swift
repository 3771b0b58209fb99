import Testing
import PMMC
import PMMCSimulation

/// The error `KeyValueHistory(json:)` throws for `json`, or `nil` if it reads it.
private func formatError(_ json: String) -> KeyValueHistoryFormatError? {
    do {
        _ = try KeyValueHistory(json: json)
        return nil
    } catch {
        return error
    }
}

/// A malformed history and the error it must give.
struct MalformedHistory: Sendable, CustomTestStringConvertible {
    let json: String
    let element: Int?
    let line: Int
    let column: Int
    let problem: KeyValueHistoryFormatError.Problem

    init(_ json: String, element: Int? = 0, line: Int = 1, column: Int, _ problem: KeyValueHistoryFormatError.Problem) {
        self.json = json
        self.element = element
        self.line = line
        self.column = column
        self.problem = problem
    }

    var testDescription: String { json }
}

@Suite("Linearizability: the JSON history format")
struct LinearizabilityJSONTests {
    static let history = KeyValueHistory([
        .put(0, "k", "a", 0, 10),
        .get(1, "k", reads: "a", 5, 12),
        .append(2, "k", "b", 20, nil),
    ])

    @Test("a history is written one operation a line, fields in a fixed order, absent ones left out")
    func encoding() {
        #expect(Self.history.json == """
            [
              {"client":0,"op":"put","key":"k","value":"a","output":"","call":0,"return":10},
              {"client":1,"op":"get","key":"k","output":"a","call":5,"return":12},
              {"client":2,"op":"append","key":"k","value":"b","call":20}
            ]

            """)
        #expect(KeyValueHistory([]).json == "[]\n")
    }

    @Test("reading what was written gives the history back, whatever its strings hold")
    func roundTrip() throws {
        let awkward = "quote\" backslash\\ slash/ newline\n tab\t bell\u{7} é 😀 \u{2028}"
        let history = KeyValueHistory(Self.history.operations + [
            HistoryOperation(client: 12, input: .put(key: awkward, value: awkward), output: awkward, call: -5, return: Int.max),
            .get(3, awkward, reads: awkward, 1_700_000_000_000_000_000, 1_700_000_000_000_000_001),
        ])
        #expect(try KeyValueHistory(json: history.json) == history)
        #expect(history.json.split(separator: "\n").count == history.operations.count + 2, "one operation a line")
    }

    @Test("fields in any order and any white space are read; a get may carry an empty value; null means absent")
    func lenientWhereHarmless() throws {
        let json = "\r\n[ {\"return\" : 9 ,\"call\":1,\"output\":\"a\",\"value\":\"\",\"key\":\"k\",\"op\":\"get\",\"client\":4},\n\t"
            + #"{"client":0,"op":"put","key":"k","value":"\u0061\ud83d\ude00\/\b\f\n\r\t","output":null,"call":2,"return":null} ]"#
        #expect(try KeyValueHistory(json: json).operations == [
            .get(4, "k", reads: "a", 1, 9),
            HistoryOperation(client: 0, input: .put(key: "k", value: "a😀/\u{8}\u{c}\n\r\t"), output: nil, call: 2, return: nil),
        ])
        #expect(try KeyValueHistory(json: " [ ] ").operations.isEmpty)
    }

    static let valid = #"{"client":0,"op":"put","key":"k","value":"v","output":"","call":1,"return":2}"#

    static let malformed: [MalformedHistory] = [
        MalformedHistory("", element: nil, column: 1, .syntax("expected a value, found the end of the text")),
        MalformedHistory("  x", element: nil, column: 3, .syntax("expected a value, found 'x'")),
        MalformedHistory("é", element: nil, column: 1, .syntax("expected a value, found U+00E9")),
        MalformedHistory(#"{"client":0}"#, element: nil, column: 1, .notAnArray(found: "an object")),
        MalformedHistory(#""history""#, element: nil, column: 1, .notAnArray(found: #""history""#)),
        MalformedHistory("tru", element: nil, column: 1, .syntax("expected true")),
        MalformedHistory("[1]", column: 2, .notAnObject(found: "1")),
        MalformedHistory("[\(valid),]", element: 1, column: 80, .syntax("expected a value, found ']'")),
        MalformedHistory("[\(valid)", element: nil, column: 79,
                         .syntax("expected ',' or ']' after an operation, found the end of the text")),
        MalformedHistory("[\(valid)] x", element: nil, column: 81, .syntax("'x' after the closing ']' of the history")),
        MalformedHistory(#"[{"client":0 "op":"get"}]"#, column: 14, .syntax("expected ',' or '}' after a field, found '\"'")),
        MalformedHistory(#"[{client:0}]"#, column: 3, .syntax("expected a field name in quotes, found 'c'")),
        MalformedHistory(#"[{"client"0}]"#, column: 11, .syntax("expected ':' after a field name, found '0'")),
        MalformedHistory(#"[{"client":01}]"#, column: 12, .wrongType(field: "client", expected: "an integer", found: "01")),
        MalformedHistory(#"[{"client":-}]"#, column: 12, .wrongType(field: "client", expected: "an integer", found: "-")),
        MalformedHistory(#"[{"client":+1}]"#, column: 12, .syntax("expected a value, found '+'")),
        MalformedHistory(#"[{"call":1e3}]"#, column: 10, .wrongType(field: "call", expected: "an integer", found: "1e3")),
        MalformedHistory(#"[{"key":"a\qb"}]"#, column: 11, .syntax("unknown escape: backslash before 'q'")),
        MalformedHistory(#"[{"key":"a\u12x4"}]"#, column: 15, .syntax("expected four hex digits after \\u, found 'x'")),
        MalformedHistory(#"[{"key":"\ud83d"}]"#, column: 10,
                         .syntax("a \\u escape of a high surrogate must be followed by one of a low surrogate")),
        MalformedHistory(#"[{"key":"\ud83d\u0041"}]"#, column: 10,
                         .syntax("a \\u escape of a high surrogate must be followed by one of a low surrogate")),
        MalformedHistory(#"[{"key":"\ude00"}]"#, column: 10,
                         .syntax("a \\u escape of a low surrogate must follow one of a high surrogate")),
        MalformedHistory("[{\"key\":\"a\nb\"}]", column: 11, .syntax("a control character in a string must be escaped")),
        MalformedHistory(#"[{"key":"abc"#, column: 9, .syntax("the string that starts here never ends")),
        MalformedHistory(#"[{"client":0,"op":"put","retrun":2}]"#, column: 25, .unknownField("retrun")),
        MalformedHistory(#"[{"call":1,"call":2}]"#, column: 12, .duplicateField("call")),
        MalformedHistory(#"[{"op":"get","key":"k","output":"","call":1,"return":2}]"#, column: 2, .missingField("client")),
        MalformedHistory(#"[{"client":0,"key":"k","output":"","call":1,"return":2}]"#, column: 2, .missingField("op")),
        MalformedHistory(#"[{"client":0,"op":"get","output":"","call":1,"return":2}]"#, column: 2, .missingField("key")),
        MalformedHistory(#"[{"client":0,"op":"put","key":"k","output":"","call":1,"return":2}]"#, column: 2, .missingField("value")),
        MalformedHistory(#"[{"client":0,"op":"append","key":"k","output":"","call":1}]"#, column: 2, .missingField("value")),
        MalformedHistory(#"[{"client":0,"op":"get","key":"k","call":1,"return":2}]"#, column: 2, .missingField("output")),
        MalformedHistory(#"[{"client":0,"op":"get","key":"k","output":"","return":2}]"#, column: 2, .missingField("call")),
        MalformedHistory(#"[{}]"#, column: 2, .missingField("client")),
        MalformedHistory(#"[{"call":"5"}]"#, column: 10,
                         .wrongType(field: "call", expected: "an integer", found: #""5""#)),
        MalformedHistory(#"[{"client":1.5}]"#, column: 12, .wrongType(field: "client", expected: "an integer", found: "1.5")),
        MalformedHistory(#"[{"client":null}]"#, column: 12, .wrongType(field: "client", expected: "an integer", found: "null")),
        MalformedHistory(#"[{"call":99999999999999999999}]"#, column: 10,
                         .wrongType(field: "call", expected: "an integer", found: "99999999999999999999")),
        MalformedHistory(#"[{"key":7}]"#, column: 9, .wrongType(field: "key", expected: "a string", found: "7")),
        MalformedHistory(#"[{"value":{"nested":1}}]"#, column: 11, .wrongType(field: "value", expected: "a string", found: "an object")),
        MalformedHistory(#"[{"op":["put"]}]"#, column: 8, .wrongType(field: "op", expected: "a string", found: "an array")),
        MalformedHistory(#"[{"output":false}]"#, column: 12, .wrongType(field: "output", expected: "a string or null", found: "false")),
        MalformedHistory(#"[{"return":true}]"#, column: 12, .wrongType(field: "return", expected: "an integer or null", found: "true")),
        MalformedHistory(#"[{"key":"\#(String(repeating: "x", count: 50))","call":"\#(String(repeating: "y", count: 50))"}]"#,
                         column: 69, .wrongType(field: "call", expected: "an integer",
                                                found: "\"" + String(repeating: "y", count: 40) + "…\"")),
        MalformedHistory(#"[{"op":"cas"}]"#, column: 8, .unknownOperation("cas")),
        MalformedHistory(#"[{"client":-1}]"#, column: 12, .negativeClient(-1)),
        MalformedHistory(#"[{"client":0,"op":"put","key":"k","value":"v","output":"","call":7,"return":3}]"#,
                         column: 77, .returnBeforeCall(call: 7, return: 3)),
        MalformedHistory(#"[{"client":0,"op":"get","key":"k","value":"v","output":"","call":1,"return":2}]"#,
                         column: 43, .valueOnGet("v")),
        MalformedHistory(#"[{"client":0,"op":"put","key":"k","value":"v","output":"","call":1}]"#,
                         column: 56, .outputWithoutReturn),
        MalformedHistory("[\n  \(valid),\n  {\"client\":1,\n   \"call\":\"5\"}\n]", element: 1, line: 4, column: 11,
                         .wrongType(field: "call", expected: "an integer", found: #""5""#)),
    ]

    @Test("malformed input is an error naming the element, the line and column, and the problem", arguments: malformed)
    func malformedInput(_ malformed: MalformedHistory) throws {
        let error = try #require(formatError(malformed.json))
        #expect(error.problem == malformed.problem)
        #expect(error.element == malformed.element)
        #expect(error.line == malformed.line)
        #expect(error.column == malformed.column)
        #expect(!error.description.contains("\n"), "one line: \(error)")
    }

    @Test("an error reads as one line with its position, element and problem")
    func errorDescription() throws {
        let error = try #require(formatError("[\n  \(Self.valid),\n  {\"client\":1,\n   \"call\":\"5\"}\n]"))
        #expect(error.description == #"line 4, column 11: element 1: "call" must be an integer, found "5""#)
        #expect(try #require(formatError("[1]")).description
                == "line 1, column 2: element 0: an operation must be a JSON object, found 1")
        #expect(try #require(formatError(#"[{"retrun":1}]"#)).description
                == #"line 1, column 3: element 0: unknown field "retrun" (the fields are client, op, key, value, output, call, return)"#)
        #expect(try #require(formatError("{}")).description
                == "line 1, column 1: a history must be a JSON array of operations, found an object")
        #expect(try #require(formatError("[\"a\nb\"]")).description
                == "line 1, column 4: element 0: not JSON: a control character in a string must be escaped")
    }
}

/// A sample expression read by name: its fetch method and its converters,
/// each with its arguments.
struct SampleExpression {
    /// A fetch or converter: its name and, when parentheses follow it, its arguments.
    struct Element {
        var name: String
        var arguments: [String]?
    }

    var elements: [Element]

    var fetch: String { elements[0].name }
    var converters: [String] { elements.dropFirst().map(\.name) }
}

/// Reads sample expressions the way HAProxy's parser splits them: a name,
/// optional arguments in parentheses, then `,converter(args)` elements.
/// Works on UTF-8 bytes: it runs for every ACL and format string.
enum SampleExpressionScanner {
    /// A reason an expression does not parse.
    struct Problem: Error {
        var text: String
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "$"):
            true
        default: false
        }
    }

    /// The `%[…]` expressions of a log-format string, or the first problem.
    static func format(_ text: String) -> Result<[SampleExpression], Problem> {
        let bytes = Array(text.utf8)
        var expressions: [SampleExpression] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%"), index + 1 < bytes.count else { index += 1; continue }
            var next = index + 1
            if bytes[next] == UInt8(ascii: "%") { index = next + 1; continue }
            if bytes[next] == UInt8(ascii: "{") {
                guard let close = bytes[next...].firstIndex(of: UInt8(ascii: "}")) else { break }
                next = close + 1
            }
            guard next < bytes.count, bytes[next] == UInt8(ascii: "[") else { index = next; continue }
            switch expression(bytes, from: next + 1, closing: UInt8(ascii: "]")) {
            case .failure(let problem): return .failure(problem)
            case .success(let parsed):
                expressions.append(parsed.expression)
                index = parsed.end
            }
        }
        return .success(expressions)
    }

    /// A whole word read as one expression (an ACL criterion, a `track-sc0` key).
    static func word(_ text: String) -> Result<SampleExpression, Problem> {
        // Most criteria are a bare name (`path_beg`, `src`).
        if !text.isEmpty, text.utf8.allSatisfy(isNameByte) {
            return .success(SampleExpression(elements: [.init(name: text, arguments: nil)]))
        }
        return expression(Array(text.utf8), from: 0, closing: nil).map(\.expression)
    }

    /// Parses one expression from `start`; succeeds with the index after it.
    static func expression(_ bytes: [UInt8], from start: Int, closing: UInt8?)
        -> Result<(expression: SampleExpression, end: Int), Problem>
    {
        func string(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        var index = start
        var elements: [SampleExpression.Element] = []
        while true {
            let nameStart = index
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            if index == nameStart { return .failure(Problem(text: elements.isEmpty ? "missing fetch method" : "missing converter")) }
            var element = SampleExpression.Element(name: string(bytes[nameStart..<index]), arguments: nil)
            if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
                guard let close = closingParenthesis(bytes, after: index) else {
                    return .failure(Problem(text: "missing closing ')' after '\(element.name)('"))
                }
                element.arguments = splitArguments(bytes[(index + 1)..<close]).map(string)
                index = close + 1
            }
            elements.append(element)
            let written = string(bytes[nameStart..<index])
            let parsed = SampleExpression(elements: elements)
            guard index < bytes.count else {
                return closing == nil ? .success((parsed, index)) : .failure(Problem(text: "missing ']' after '\(written)'"))
            }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case closing: return .success((parsed, index + 1))
            default:
                let expected = closing.map { "',' or '\(Character(Unicode.Scalar($0)))'" } ?? "','"
                let found = string(bytes[index...].prefix(1))
                return .failure(Problem(text: "expected \(expected) after '\(written)', but found '\(found)'"))
            }
        }
    }

    /// An argument list's arguments, split at commas outside quotes (an empty list has none).
    static func splitArguments(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        guard !bytes.isEmpty else { return [] }
        var arguments: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var single = false, double = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "\\") where !single: index += 1
            case UInt8(ascii: "\"") where !single: double.toggle()
            case UInt8(ascii: "'") where !double: single.toggle()
            case UInt8(ascii: ",") where !single && !double:
                arguments.append(bytes[start..<index])
                start = index + 1
            default: break
            }
            index += 1
        }
        arguments.append(bytes[start..<bytes.endIndex])
        return arguments
    }

    /// The `)` ending an argument list opened at `open`: the first one outside
    /// quotes, a backslash escaping a quote, a space or itself, as HAProxy reads arguments.
    static func closingParenthesis(_ bytes: [UInt8], after open: Int) -> Int? {
        var single = false, double = false
        var index = open + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\") where !single && index + 1 < bytes.count
                && [UInt8(ascii: "\\"), UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(bytes[index + 1]):
                index += 1
            case UInt8(ascii: "\"") where !single: double.toggle()
            case UInt8(ascii: "'") where !double: single.toggle()
            case UInt8(ascii: ")") where !single && !double: return index
            default: break
            }
            index += 1
        }
        return nil
    }
}

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
enum SampleExpressionScanner {
    /// A reason an expression does not parse.
    struct Problem: Error {
        var text: String
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._-+$".contains(character))
    }

    /// The `%[…]` expressions of a log-format string, or the first problem.
    static func format(_ text: String) -> Result<[SampleExpression], Problem> {
        let characters = Array(text)
        var expressions: [SampleExpression] = []
        var index = 0
        while index < characters.count {
            guard characters[index] == "%", index + 1 < characters.count else { index += 1; continue }
            var next = index + 1
            if characters[next] == "%" { index = next + 1; continue }
            if characters[next] == "{" {
                guard let close = characters[next...].firstIndex(of: "}") else { break }
                next = close + 1
            }
            guard next < characters.count, characters[next] == "[" else { index = next; continue }
            switch expression(characters, from: next + 1, closing: "]") {
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
        expression(Array(text), from: 0, closing: nil).map(\.expression)
    }

    /// Parses one expression from `start`; succeeds with the index after it.
    static func expression(_ characters: [Character], from start: Int, closing: Character?)
        -> Result<(expression: SampleExpression, end: Int), Problem>
    {
        var index = start
        var elements: [SampleExpression.Element] = []
        while true {
            let nameStart = index
            while index < characters.count, isNameCharacter(characters[index]) { index += 1 }
            if index == nameStart { return .failure(Problem(text: elements.isEmpty ? "missing fetch method" : "missing converter")) }
            var element = SampleExpression.Element(name: String(characters[nameStart..<index]), arguments: nil)
            if index < characters.count, characters[index] == "(" {
                guard let close = closingParenthesis(characters, after: index) else {
                    return .failure(Problem(text: "missing closing ')' after '\(element.name)('"))
                }
                element.arguments = splitArguments(characters[(index + 1)..<close])
                index = close + 1
            }
            elements.append(element)
            let written = String(characters[nameStart..<index])
            let parsed = SampleExpression(elements: elements)
            guard index < characters.count else {
                return closing == nil ? .success((parsed, index)) : .failure(Problem(text: "missing ']' after '\(written)'"))
            }
            switch characters[index] {
            case ",": index += 1
            case closing: return .success((parsed, index + 1))
            default:
                let expected = closing.map { "',' or '\($0)'" } ?? "','"
                return .failure(Problem(text: "expected \(expected) after '\(written)', but found '\(characters[index])'"))
            }
        }
    }

    /// An argument list's arguments, split at commas outside quotes (an empty list has none).
    static func splitArguments(_ text: ArraySlice<Character>) -> [String] {
        guard !text.isEmpty else { return [] }
        var arguments: [String] = []
        var current = ""
        var single = false, double = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "\\" where !single && index + 1 < text.endIndex:
                current.append(character)
                index += 1
                current.append(text[index])
            case "\"" where !single: double.toggle(); current.append(character)
            case "'" where !double: single.toggle(); current.append(character)
            case "," where !single && !double: arguments.append(current); current = ""
            default: current.append(character)
            }
            index += 1
        }
        arguments.append(current)
        return arguments
    }

    /// The `)` ending an argument list opened at `open`: the first one outside
    /// quotes, a backslash escaping a quote, a space or itself, as HAProxy reads arguments.
    static func closingParenthesis(_ characters: [Character], after open: Int) -> Int? {
        var single = false, double = false
        var index = open + 1
        while index < characters.count {
            switch characters[index] {
            case "\\" where !single && index + 1 < characters.count && "\\ \"'".contains(characters[index + 1]):
                index += 1
            case "\"" where !single: double.toggle()
            case "'" where !double: single.toggle()
            case ")" where !single && !double: return index
            default: break
            }
            index += 1
        }
        return nil
    }
}

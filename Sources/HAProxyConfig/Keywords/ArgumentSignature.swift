/// The expected arguments of a keyword, read from the `args` column of a
/// `Grammar/` table (see Grammar/README.md for the notation).
public struct ArgumentSignature: Sendable, Hashable {
    /// The kind of value one argument holds.
    public enum ValueType: Sendable, Hashable {
        case time(Duration.Unit)
        /// A duration, or one word that stands for none (`close-spread-time infinite`).
        case timeOrWord(Duration.Unit, String)
        case integer(ClosedRange<Int64>?)
        /// A number HAProxy reads with `atol`: leading digits, the rest silently ignored (`10k` is 10).
        case leadingInteger(ClosedRange<Int64>?)
        case signedInteger
        case size
        case address(portRequired: Bool)
        case name
        case string
        case file
    }

    /// One element of a signature.
    public indirect enum Element: Sendable, Hashable {
        case value(ValueType, label: String)
        case choice([String])
        case optional([Element])
        case repeated(Element)
        /// Any further words, checked elsewhere.
        case rest
    }

    public var elements: [Element]

    public init(elements: [Element]) { self.elements = elements }

    /// Parses the notation; unknown tokens become `<string>`.
    public init(_ notation: String) {
        var tokens = ArgumentSignature.tokenize(notation)[...]
        elements = ArgumentSignature.parseSequence(&tokens, until: nil)
    }

    /// The signature without a trailing `*`: the positional arguments that
    /// come before a line's options.
    public var positional: ArgumentSignature {
        ArgumentSignature(elements: elements.last == .rest ? Array(elements.dropLast()) : elements)
    }

    /// Whether the signature accepts any number of words.
    public var isFreeForm: Bool { elements == [.rest] }

    /// The notation as written in the grammar table.
    public var notation: String { elements.map(Self.notation).joined(separator: " ") }

    private static func notation(_ element: Element) -> String {
        switch element {
        case .value(_, let label): "<\(label)>"
        case .choice(let words): "{\(words.joined(separator: "|"))}"
        case .optional(let inner): "[" + inner.map(notation).joined(separator: " ") + "]"
        case .repeated(let inner): notation(inner) + "..."
        case .rest: "*"
        }
    }

    private static func tokenize(_ notation: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var depth = 0
        for character in notation {
            switch character {
            case "<", "{": depth += 1; current.append(character)
            case ">", "}": depth -= 1; current.append(character)
            case "[" where depth == 0, "]" where depth == 0:
                if !current.isEmpty { tokens.append(current); current = "" }
                tokens.append(String(character))
            case " " where depth == 0:
                if !current.isEmpty { tokens.append(current); current = "" }
            default: current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func parseSequence(_ tokens: inout ArraySlice<String>, until closing: String?) -> [Element] {
        var elements: [Element] = []
        while let token = tokens.popFirst() {
            if token == closing { break }
            if token == "[" {
                elements.append(.optional(parseSequence(&tokens, until: "]")))
                continue
            }
            if token == "..." || token == "...]" {
                if let last = elements.popLast() { elements.append(.repeated(last)) }
                continue
            }
            var text = token
            let repeated = text.hasSuffix("...")
            if repeated { text.removeLast(3) }
            let element = parseElement(text)
            elements.append(repeated ? .repeated(element) : element)
        }
        return elements
    }

    private static func parseElement(_ text: String) -> Element {
        if text == "*" { return .rest }
        if text.hasPrefix("{"), text.hasSuffix("}") {
            return .choice(text.dropFirst().dropLast().split(separator: "|").map(String.init))
        }
        guard text.hasPrefix("<"), text.hasSuffix(">") else { return .choice([text]) }
        let label = String(text.dropFirst().dropLast())
        let parts = label.split(separator: ":", maxSplits: 1).map(String.init)
        let option = parts.count > 1 ? parts[1] : nil
        switch parts[0] {
        case "time":
            return .value(.time(option.flatMap(Duration.Unit.init(rawValue:)) ?? .milliseconds), label: label)
        case "time|infinite":
            return .value(.timeOrWord(.milliseconds, "infinite"), label: "time")
        case "int":
            return .value(.integer(option.flatMap(parseRange)), label: label)
        case "atol":
            return .value(.leadingInteger(option.flatMap(parseRange)), label: label)
        case "sint": return .value(.signedInteger, label: label)
        case "size": return .value(.size, label: label)
        case "addr": return .value(.address(portRequired: true), label: label)
        case "addr?": return .value(.address(portRequired: false), label: label)
        case "name": return .value(.name, label: label)
        case "file": return .value(.file, label: label)
        default: return .value(.string, label: label)
        }
    }

    private static func parseRange(_ text: String) -> ClosedRange<Int64>? {
        let bounds = text.split(separator: "-").compactMap { Int64($0) }
        guard bounds.count == 2, bounds[0] <= bounds[1] else { return nil }
        return bounds[0]...bounds[1]
    }
}

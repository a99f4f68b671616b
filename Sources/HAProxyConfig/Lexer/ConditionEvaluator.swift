/// Evaluates the expression of a `.if` or `.elif` line the way HAProxy 2.6
/// does: terms are numbers (non-zero is true), predicates such as
/// `defined(NAME)` or `version_atleast(2.4)`, `!term` and `( expr )`,
/// combined with `&&` (binding tighter) and `||`.
public struct ConditionEvaluator: Sendable {
    /// An evaluation failure: a message and the byte index in the expression.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
        public var index: Int
    }

    public let variables: VariableResolver
    public let build: BuildProfile
    private static let maximumDepth = 1024

    public init(variables: VariableResolver, build: BuildProfile) {
        self.variables = variables
        self.build = build
    }

    /// Evaluates an expression; an empty one is false, as in HAProxy.
    public func evaluate(_ expression: String) -> Result<Bool, Failure> {
        var parser = Parser(text: Array(expression.utf8), evaluator: self)
        parser.skipBlanks()
        if parser.atEnd { return .success(false) }
        do {
            let value = try parser.orExpression(depth: Self.maximumDepth)
            parser.skipBlanks()
            if !parser.atEnd {
                throw Failure(message: "unexpected character '\(parser.currentCharacter)' at the end of the condition",
                              index: parser.index)
            }
            return .success(value)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "\(error)", index: 0))
        }
    }

    fileprivate func predicate(_ name: String, _ arguments: [String], at index: Int) throws -> Bool {
        func require(_ count: Int) throws {
            if arguments.count != count {
                throw Failure(message: "predicate '\(name)' takes \(count) argument\(count == 1 ? "" : "s")", index: index)
            }
        }
        switch name {
        case "defined":
            try require(1); return variables.value(of: arguments[0]) != nil
        case "feature":
            try require(1); return build.features.contains(arguments[0])
        case "streq":
            try require(2); return arguments[0] == arguments[1]
        case "strneq":
            try require(2); return arguments[0] != arguments[1]
        case "version_atleast":
            try require(1); return BuildProfile.compare(build.version, arguments[0]) >= 0
        case "version_before":
            try require(1); return BuildProfile.compare(build.version, arguments[0]) < 0
        case "openssl_version_atleast":
            try require(1); return BuildProfile.compare(build.sslLibraryVersion, arguments[0]) >= 0
        case "openssl_version_before":
            try require(1); return BuildProfile.compare(build.sslLibraryVersion, arguments[0]) < 0
        case "ssllib_name_startswith":
            try require(1); return build.sslLibraryName.lowercased().hasPrefix(arguments[0].lowercased())
        default:
            throw Failure(message: "unparsable conditional expression: unknown predicate '\(name)'", index: index)
        }
    }
}

/// Recursive-descent reader over the expression bytes.
private struct Parser {
    let text: [UInt8]
    let evaluator: ConditionEvaluator
    var index = 0

    init(text: [UInt8], evaluator: ConditionEvaluator) {
        self.text = text
        self.evaluator = evaluator
    }

    var atEnd: Bool { index >= text.count }
    var currentCharacter: Character { atEnd ? " " : Character(UnicodeScalar(text[index])) }

    mutating func skipBlanks() {
        while index < text.count, text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "\t") { index += 1 }
    }

    func failure(_ message: String) -> ConditionEvaluator.Failure {
        ConditionEvaluator.Failure(message: message, index: index)
    }

    /// `&&` binds tighter than `||`.
    mutating func orExpression(depth: Int) throws -> Bool {
        try chain("|", combine: { $0 || $1 }) { parser in
            try parser.chain("&", combine: { $0 && $1 }) { try $0.term(depth: depth) }
        }
    }

    /// Reads `operand (op op operand)*` for a doubled operator (`||`, `&&`).
    mutating func chain(_ symbol: Character, combine: (Bool, Bool) -> Bool,
                        operand: (inout Parser) throws -> Bool) rethrows -> Bool {
        let byte = UInt8(ascii: symbol.unicodeScalars.first!)
        var value = try operand(&self)
        while true {
            skipBlanks()
            guard index + 1 < text.count, text[index] == byte, text[index + 1] == byte else { return value }
            index += 2
            let right = try operand(&self)
            value = combine(value, right)
        }
    }

    mutating func term(depth: Int) throws -> Bool {
        guard depth > 0 else { throw failure("condition nested too deeply") }
        skipBlanks()
        var negate = false
        while index < text.count, text[index] == UInt8(ascii: "!") {
            negate.toggle()
            index += 1
            skipBlanks()
        }
        let value = try positiveTerm(depth: depth)
        return negate ? !value : value
    }

    mutating func positiveTerm(depth: Int) throws -> Bool {
        guard !atEnd else { throw failure("unparsable conditional expression: a term is missing") }
        let start = index
        if let number = readNumber() { return number != 0 }
        if text[index] == UInt8(ascii: "(") {
            index += 1
            let value = try orExpression(depth: depth - 1)
            skipBlanks()
            guard index < text.count, text[index] == UInt8(ascii: ")") else { throw failure("expected ')' after the condition") }
            index += 1
            return value
        }
        while index < text.count, isNameByte(text[index]) { index += 1 }
        let name = String(decoding: text[start..<index], as: UTF8.self)
        guard !name.isEmpty else { throw failure("unparsable conditional expression") }
        let arguments = try readArguments()
        return try evaluator.predicate(name, arguments, at: start)
    }

    func isNameByte(_ c: UInt8) -> Bool {
        (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_")
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    /// Reads a number as strtol with base 0 would (decimal, 0x hex, 0 octal).
    mutating func readNumber() -> Int? {
        var cursor = index
        var sign = 1
        if cursor < text.count, text[cursor] == UInt8(ascii: "-") || text[cursor] == UInt8(ascii: "+") {
            if text[cursor] == UInt8(ascii: "-") { sign = -1 }
            cursor += 1
        }
        let digitsStart = cursor
        var radix = 10
        if cursor + 1 < text.count, text[cursor] == UInt8(ascii: "0"), text[cursor + 1] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            cursor += 2
        }
        var value = 0
        var sawDigit = false
        while cursor < text.count, let digit = Int(String(UnicodeScalar(text[cursor])), radix: radix) {
            value = value &* radix &+ digit
            sawDigit = true
            cursor += 1
        }
        if !sawDigit {
            // strtol reads "0x" without hex digits as the number 0.
            guard radix == 16 else { return nil }
            index = digitsStart + 1
            return 0
        }
        index = cursor
        return sign * value
    }

    /// Reads `( arg, arg )`; quotes around an argument are removed.
    mutating func readArguments() throws -> [String] {
        guard index < text.count, text[index] == UInt8(ascii: "(") else { return [] }
        index += 1
        var arguments: [String] = []
        var current: [UInt8] = []
        var quote: UInt8? = nil
        while index < text.count {
            let c = text[index]
            index += 1
            if let open = quote {
                if c == open { quote = nil } else { current.append(c) }
                continue
            }
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = c
            case UInt8(ascii: ","):
                arguments.append(trimmed(current))
                current = []
            case UInt8(ascii: ")"):
                if !current.isEmpty || !arguments.isEmpty { arguments.append(trimmed(current)) }
                return arguments
            default:
                current.append(c)
            }
        }
        throw failure("missing ')' after the predicate's arguments")
    }

    func trimmed(_ bytes: [UInt8]) -> String {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let start = bytes.firstIndex { !blank($0) } ?? bytes.count
        let end = (bytes.lastIndex { !blank($0) } ?? -1) + 1
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
    }
}

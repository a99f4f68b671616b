/// Where `"$NAME"` and `"${NAME}"` get their values: the process
/// environment, overridden by `--env NAME=VALUE`.
public struct VariableResolver: Sendable {
    public var values: [String: String]

    public init(environment: [String: String] = [:], overrides: [String: String] = [:]) {
        values = environment.merging(overrides) { _, override in override }
    }

    public func value(of name: String) -> String? { values[name] }
}

/// The pseudo-variables HAProxy defines while it reads a line
/// (`.FILE`, `.LINE`, `.SECTION`).
public struct LineContext: Sendable {
    public var file: String
    public var line: Int
    public var section: String

    public init(file: String, line: Int, section: String) {
        self.file = file
        self.line = line
        self.section = section
    }
}

extension VariableResolver {
    /// What HAProxy 2.6 makes of an address word: after the line is split
    /// into words, every address (`bind`, `server`, `log`, `peer`, `source`,
    /// …) goes through a second expansion of `$NAME` and `${NAME}`, whatever
    /// quotes the word had, and an unset name becomes nothing. Default values
    /// and `[*]` are not part of this expansion: `${NAME-x}` keeps `-x}`.
    public struct AddressExpansion: Sendable, Equatable {
        /// The address HAProxy parses.
        public var text: String
        /// The names that are not set, in order of appearance.
        public var unset: [String]
    }

    /// Expands `text` as HAProxy expands an address; nil when it holds no `$`.
    public func expandAddress(_ text: String) -> AddressExpansion? {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return nil }
        var output: [UInt8] = []
        var unset: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "$") else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var nameStart = index + 1
            let braced = nameStart < bytes.count && bytes[nameStart] == UInt8(ascii: "{")
            if braced { nameStart += 1 }
            var nameEnd = nameStart
            while nameEnd < bytes.count, Self.isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
            index = nameEnd
            if braced, index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1 }
            if let value = values[name], !name.isEmpty {
                output.append(contentsOf: value.utf8)
            } else if !name.isEmpty {
                unset.append(name)
            }
        }
        return AddressExpansion(text: String(decoding: output, as: UTF8.self), unset: unset)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }
}

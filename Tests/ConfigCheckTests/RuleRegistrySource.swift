import Foundation

/// Renders `Sources/ConfigCheck/Generated/RuleRegistry.swift` from the rule
/// files: every type declared as `struct Name: <Kind>Rule` under Rules/.
enum RuleRegistrySource {
    static let kinds = [
        ("SyntaxRule", "syntax"), ("HAProxyRule", "haproxy"), ("KeepalivedRule", "keepalived"), ("NodeRule", "node"),
        ("PairRule", "pair"),
    ]

    /// The rule types found under `rulesDirectory`, by kind, each list sorted.
    static func scan(_ rulesDirectory: URL) throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        let files = FileManager.default.enumerator(at: rulesDirectory, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("struct ") {
                let parts = line.dropFirst("struct ".count).split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let conformance = parts[1].trimmingCharacters(in: .whitespaces).prefix { $0 != " " && $0 != "{" }
                if kinds.contains(where: { $0.0 == conformance }) {
                    found[String(conformance), default: []].append(String(parts[0]))
                }
            }
        }
        return found.mapValues { $0.sorted() }
    }

    static func render(_ found: [String: [String]]) -> String {
        var text = """
        // generated from Sources/ConfigCheck/Rules, do not edit.
        // Regenerate: WEIR_REGENERATE=1 swift test --filter RuleCatalogTests

        /// Every rule type of the catalog, by kind.
        enum RuleRegistry {

        """
        for (kind, name) in kinds {
            let types = found[kind] ?? []
            text += "    static let \(name): [any \(kind).Type] = [\n"
            for type in types { text += "        \(type).self,\n" }
            text += "    ]\n"
        }
        return text + "}\n"
    }
}

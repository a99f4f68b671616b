import Foundation

/// SARIF 2.1.0 output for code-scanning services: one run of the `weir`
/// driver, its rules (the distinct rule ids, sorted), and one result per
/// diagnostic. Notes with a range become related locations, notes without
/// one are appended to the message, and fix-its become fixes.
///
/// Columns are Unicode code points (`columnKind` `unicodeCodePoints`),
/// counted from the source text when it is known; without it the byte
/// column is used, which is the same for ASCII.
public struct SARIFRenderer: DiagnosticRenderer {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let sarifVersion = "2.1.0"
    public static let driverName = "weir"
    private static let columnKind = "unicodeCodePoints"
    private static let noteLabel = "note: "

    private let toolVersion: String
    private let informationURI: String?
    private let sources: [String: SourceFile]
    private let ruleSummary: @Sendable (RuleID) -> String?

    /// - Parameters:
    ///   - toolVersion: weir's version, written as the driver's `version`.
    ///   - informationURI: the driver's `informationUri`, left out when nil.
    ///   - sources: the files diagnostics point into, for code-point columns.
    ///   - ruleSummary: a rule's one-line `shortDescription`, if it has one.
    public init(
        toolVersion: String, informationURI: String? = nil, sources: [String: SourceFile] = [:],
        ruleSummary: @escaping @Sendable (RuleID) -> String? = { _ in nil }
    ) {
        self.toolVersion = toolVersion
        self.informationURI = informationURI
        self.sources = sources
        self.ruleSummary = ruleSummary
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        let ruleIDs = Set(diagnostics.map(\.rule)).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let rules = ruleIDs.map {
            SARIF.ReportingDescriptor(id: $0.rawValue, shortDescription: ruleSummary($0).map(SARIF.Text.init))
        }
        let driver = SARIF.Driver(
            name: Self.driverName, version: toolVersion, informationUri: informationURI, rules: rules)
        let results = diagnostics.map { result(for: $0, ruleIndex: ruleIndex[$0.rule] ?? 0) }
        let run = SARIF.Run(tool: SARIF.Tool(driver: driver), columnKind: Self.columnKind, results: results)
        return JSONOutput.encode(SARIF.Log(schema: Self.schemaURI, version: Self.sarifVersion, runs: [run]))
    }

    private func result(for diagnostic: Diagnostic, ruleIndex: Int) -> SARIF.Result {
        let related = diagnostic.notes.compactMap { note in
            note.range.map { (message: note.message, range: $0) }
        }.enumerated().map { id, note in
            SARIF.Location(
                id: id, message: SARIF.Text(text: note.message), physicalLocation: physicalLocation(note.range))
        }
        let unplacedNotes = diagnostic.notes.filter { $0.range == nil }.map { Self.noteLabel + $0.message }
        let fixes = diagnostic.fixIts.map(fix)
        return SARIF.Result(
            ruleId: diagnostic.rule.rawValue, ruleIndex: ruleIndex, level: diagnostic.severity.rawValue,
            message: SARIF.Text(text: ([diagnostic.message] + unplacedNotes).joined(separator: "\n")),
            locations: [SARIF.Location(id: nil, message: nil, physicalLocation: physicalLocation(diagnostic.range))],
            relatedLocations: related.isEmpty ? nil : related,
            fixes: fixes.isEmpty ? nil : fixes)
    }

    /// One fix per fix-it: a single replacement in a single file.
    private func fix(_ fixIt: FixIt) -> SARIF.Fix {
        let replacement = SARIF.Replacement(
            deletedRegion: region(fixIt.range),
            insertedContent: fixIt.replacement.isEmpty ? nil : SARIF.Text(text: fixIt.replacement))
        let change = SARIF.ArtifactChange(
            artifactLocation: SARIF.ArtifactLocation(uri: Self.uri(fixIt.range.file)), replacements: [replacement])
        return SARIF.Fix(
            description: fixIt.message.isEmpty ? nil : SARIF.Text(text: fixIt.message), artifactChanges: [change])
    }

    private func physicalLocation(_ range: SourceRange) -> SARIF.PhysicalLocation {
        SARIF.PhysicalLocation(
            artifactLocation: SARIF.ArtifactLocation(uri: Self.uri(range.file)), region: region(range))
    }

    private func region(_ range: SourceRange) -> SARIF.Region {
        let source = sources[range.file]
        return SARIF.Region(
            startLine: range.start.line,
            startColumn: source?.codePointColumn(of: range.start) ?? range.start.column,
            endLine: range.end.line,
            endColumn: source?.codePointColumn(of: range.end) ?? range.end.column)
    }

    /// A path as a URI reference: relative paths stay relative (SARIF
    /// consumers resolve them against the repository), absolute ones become
    /// `file://` URIs; both percent-encoded.
    static func uri(_ path: String) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}

extension SourceFile {
    /// The 1-based column of a location counted in Unicode code points (an
    /// invalid UTF-8 byte counts as one).
    func codePointColumn(of location: SourceLocation) -> Int {
        let byteIndex = location.column - 1
        return DisplayCells(lineBytes(location.line)).count { $0.bytes.lowerBound < byteIndex } + 1
    }
}

import Foundation

/// A fixture's `.expect` sidecar (format in Fixtures/README.md).
struct FixtureExpectation {
    var command: String
    /// `NAME=VALUE` pairs the command runs with (given to weir as `--env`).
    var environment: [String]
    var exit: Int32
    var verdict: String
    var oracle: [String]
    /// `SEVERITY LINE:COL RULE-ID` lines weir must print, in order.
    var weir: [String]

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var fields: [String: String] = [:]
        var sections: [String: [String]] = [:]
        var current: String? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  "), let current {
                sections[current, default: []].append(String(line.dropFirst(2)))
            } else if let colon = line.firstIndex(of: ":") {
                let key = String(line[..<colon])
                let value = line[line.index(after: colon)...].drop { $0 == " " }
                fields[key] = String(value)
                current = value.isEmpty ? key : nil
            }
        }
        command = fields["command"] ?? ""
        environment = (fields["env"] ?? "").split(separator: " ").map(String.init)
        exit = Int32(fields["exit"] ?? "") ?? -1
        verdict = fields["verdict"] ?? ""
        oracle = sections["oracle"] ?? []
        weir = sections["weir"] ?? []
    }
}

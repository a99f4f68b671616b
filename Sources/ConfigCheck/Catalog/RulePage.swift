import ConfigDiagnostics

/// The `weir explain ID` page of a rule: plain text for a terminal.
public enum RulePage {
    public static func render(_ rule: RuleDescription) -> String {
        var text = "\(rule.id) (\(rule.severity.rawValue), \(rule.domain.title))\n\n"
        text += rule.summary + "\n\n" + wrap(rule.rationale) + "\n"
        if let fix = rule.fix { text += "\nFix: " + wrap(fix) + "\n" }
        if !rule.enabledByDefault { text += "\nOff by default: turn it on with --enable \(rule.id).\n" }
        for (title, examples) in [("Reported", rule.triggering), ("Accepted", rule.nonTriggering)] {
            for example in examples {
                text += "\n\(title):\n"
                for file in example.files {
                    if example.files.count > 1 { text += "  --- \(file.path)\n" }
                    for line in file.text.replacingOccurrences(of: "↓", with: "").replacingOccurrences(of: "\u{0}", with: "\\0").split(separator: "\n", omittingEmptySubsequences: false)
                        .dropLast(file.text.hasSuffix("\n") ? 1 : 0) {
                        text += line.isEmpty ? "\n" : "    \(line)\n"
                    }
                }
            }
        }
        return text
    }

    /// Wraps a paragraph at 78 columns.
    static func wrap(_ paragraph: String, width: Int = 78) -> String {
        var lines: [String] = []
        var current = ""
        for word in paragraph.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}

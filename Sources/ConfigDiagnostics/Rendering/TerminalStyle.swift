/// ANSI colours for the text renderer, applied only when the caller allows
/// them; the renderer never looks at the terminal or the environment itself.
struct TerminalStyle {
    /// The SGR attributes clang uses for the parts of a diagnostic.
    enum Attribute: String {
        case bold = "1"
        case error = "1;31"
        case warning = "1;35"
        case note = "1;36"
        case caret = "1;32"
        case fixIt = "32"
    }

    private static let escape = "\u{1B}["
    private static let reset = "\u{1B}[0m"

    let isEnabled: Bool

    /// `text` wrapped in the attribute, or unchanged when colour is off.
    func apply(_ attribute: Attribute, _ text: String) -> String {
        guard isEnabled, !text.isEmpty else { return text }
        return Self.escape + attribute.rawValue + "m" + text + Self.reset
    }

    /// The attribute of a severity label.
    static func attribute(for severity: Severity) -> Attribute {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
    }
}

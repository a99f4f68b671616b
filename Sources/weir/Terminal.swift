import ConfigDiagnostics
import Foundation

/// The process's standard output and what it is connected to.
struct Terminal {
    let environment: [String: String]

    var isTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal, never with NO_COLOR set or TERM=dumb.
    var supportsColour: Bool { TextRenderer.shouldUseColour(isTTY: isTTY, environment: environment) }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

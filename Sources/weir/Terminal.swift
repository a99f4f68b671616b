import ConfigDiagnostics
import Foundation

/// The process's standard output, what it is connected to, and the host it runs on.
struct Terminal {
    let environment: [String: String]

    var isTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal, never with NO_COLOR set or TERM=dumb.
    var supportsColour: Bool { TextRenderer.shouldUseColour(isTTY: isTTY, environment: environment) }

    /// The host name up to its first dot, Keepalived's default config id.
    static var shortHostName: String {
        ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? ""
    }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

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

    func write(_ text: String) { Self.writeOutput(text) }

    /// Writes to standard output. When it cannot be written (closed, a full
    /// disk, a reader that went away: EBADF, ENOSPC, EPIPE with SIGPIPE
    /// ignored), weir says so on standard error and exits with status 2, the
    /// status of an I/O error, instead of trapping.
    static func writeOutput(_ text: String) { writeOutput(Array(text.utf8)) }

    /// Writes bytes to standard output as they are, with the same handling of failure.
    static func writeOutput(_ output: [UInt8]) {
        var bytes = output[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = count < 0 ? String(cString: strerror(errno)) : "nothing was written"
                writeError("weir: cannot write to standard output: \(reason)\n")
                exit(2)
            }
            bytes = bytes.dropFirst(count)
        }
    }

    /// Writes to standard error, ignoring failure: there is nowhere left to report it.
    static func writeError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            bytes = bytes.dropFirst(count)
        }
    }
}

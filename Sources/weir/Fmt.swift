import ArgumentParser
import ConfigDiagnostics
import Foundation
import HAProxyConfig
import KeepalivedConfig

/// `weir fmt`: rewrite configuration files in the canonical layout.
struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite haproxy.cfg and keepalived.conf files in the canonical layout.",
        discussion: """
            Indentation (four spaces per level), one space between words, aligned columns for consecutive \
            acl, timeout, use_backend and server lines, blank-line runs folded to one. Words, comments and \
            the order of lines are kept byte for byte (bytes that are not UTF-8 too); lines that cannot be \
            parsed, and lines HAProxy stops reading at a bare CR, are left as they are. A haproxy.cfg with a \
            NUL byte or no final newline is not formatted (exit status 1, with the reason): HAProxy refuses \
            it, and fmt never changes HAProxy's verdict. Files are rewritten atomically, through symbolic \
            links, keeping mode, owner and group. With --check nothing is written and the exit status is 1 when a file \
            would change; --diff prints what would change. '-' formats standard input to standard output.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Flag(name: .long, help: "Write nothing; exit with status 1 if a file is not formatted.")
    var check = false

    @Flag(name: .long, help: "Print a unified diff of the changes instead of writing them.")
    var diff = false

    @Argument(help: "Files to format ('-' for standard input).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to format") }
    }

    func run() throws {
        var failed = false
        var refused = false
        var unformatted: [String] = []
        let terminal = Terminal(environment: ProcessInfo.processInfo.environment)
        for path in files {
            let source: SourceFile
            let loaded: Result<SourceFile, Diagnostic>
            if path == "-" {
                loaded = SourceLoader.loadStandardInput()
            } else if !check && !diff && SourceLoader.kind(of: path) == .other {
                // A FIFO or a device has no place to put the result back; '-' formats a stream.
                Terminal.writeError("cannot format '\(path)' in place: not a regular file (use 'weir fmt -' for a stream)\n")
                failed = true
                continue
            } else {
                loaded = SourceLoader.load(path)
            }
            switch loaded {
            case .success(let file): source = file
            case .failure(let diagnostic):
                Terminal.writeError(diagnostic.message + "\n")
                failed = true
                continue
            }
            let formatted: [UInt8]
            switch format(source) {
            case .success(let bytes): formatted = bytes
            case .failure(let refusal):
                // Left as it is: standard input is copied through unchanged so a pipe loses nothing.
                Terminal.writeError(TextRenderer(sources: [source.path: source]).render(refusal.diagnostics))
                Terminal.writeError("not formatted: \(path)\n")
                if path == "-" && !check && !diff { Terminal.writeOutput(source.bytes) }
                refused = true
                continue
            }
            if path == "-" && !check && !diff {
                Terminal.writeOutput(formatted)
                continue
            }
            guard formatted != source.bytes else { continue }
            unformatted.append(path)
            if diff {
                terminal.write(UnifiedDiff.render(old: String(decoding: source.bytes, as: UTF8.self),
                                                  new: String(decoding: formatted, as: UTF8.self), oldName: path, newName: path))
            } else if !check, case .failure(let diagnostic) = AtomicWriter.write(formatted, to: path) {
                Terminal.writeError(diagnostic.message + "\n")
                failed = true
            }
        }
        // The list of files that would change is a warning: --quiet or --min-severity error leave it out.
        if check && verbosity.threshold(default: .note) <= .warning {
            for path in unformatted { Terminal.writeError("not formatted: \(path)\n") }
        }
        if failed { throw ExitCode(2) }
        if refused || (check && !unformatted.isEmpty) { throw ExitCode(1) }
    }

    /// The formatted bytes, or why the file is left as it is.
    private func format(_ source: SourceFile) -> Result<[UInt8], LosslessFormat.Refusal> {
        let isKeepalived: Bool
        switch input.forcedFormat {
        case .haproxy: isKeepalived = false
        case .keepalived: isKeepalived = true
        case nil:
            isKeepalived = !source.path.hasSuffix(".cfg") && !HAProxyReader.looksLikeHAProxy(source)
                && (KeepalivedParser.looksLikeKeepalived(source) || source.path.hasSuffix(".conf"))
        }
        if isKeepalived { return .success(KeepalivedFormatter().formattedBytes(source)) }
        let reader = HAProxyReader(variables: VariableResolver(
            environment: ProcessInfo.processInfo.environment, overrides: input.overrides))
        return LosslessFormat.haproxy(source, reader: reader)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RuleID {
    /// A file that cannot be written.
    public static let fileUnwritable = RuleID("file-unwritable")
}

/// Writes a file all at once: the text goes to a temporary file in the same
/// directory, which is flushed to disk and renamed over the target, so a
/// reader sees the old file or the new one, never half of one. The target's
/// permissions are kept.
public enum AtomicWriter {
    public static func write(_ text: String, to path: String) -> Result<Void, Diagnostic> {
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "./"
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array((directory + "." + name + ".weir-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return .failure(failure(path)) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var info = stat()
        if stat(path, &info) == 0 { fchmod(descriptor, info.st_mode & 0o7777) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                close(descriptor)
                unlink(temporary)
                return .failure(failure(path))
            }
            written += count
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            return .failure(failure(path))
        }
        return .success(())
    }

    private static func failure(_ path: String) -> Diagnostic {
        let start = SourceLocation(offset: 0, line: 1, column: 1)
        return Diagnostic(.error, .fileUnwritable, "cannot write '\(path)': \(String(cString: strerror(errno)))",
                          at: SourceRange(file: path, start: start, end: start))
    }
}

/// write(2), named apart from `AtomicWriter.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RuleID {
    /// A file that cannot be opened or read.
    public static let fileUnreadable = RuleID("file-unreadable")
}

/// Reads configuration files from disk, turning every failure into a
/// diagnostic that names the file.
public enum SourceLoader {
    /// What a path names.
    public enum Kind: Sendable, Equatable {
        case regularFile
        case directory
        case other
        case missing(String)
    }

    /// Reads a whole file; a failure is a diagnostic at 1:1 of the path.
    public static func load(_ path: String) -> Result<SourceFile, Diagnostic> {
        guard let handle = fopen(path, "rb") else {
            return .failure(unreadable(path, reason: String(cString: strerror(errno))))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count {
                if ferror(handle) != 0 { return .failure(unreadable(path, reason: String(cString: strerror(errno)))) }
                break
            }
        }
        return .success(SourceFile(path: path, bytes: bytes))
    }

    /// Reads standard input to its end; a closed or unreadable standard
    /// input (`<&-`) is a diagnostic, not an empty file.
    public static func loadStandardInput(name: String = "-") -> Result<SourceFile, Diagnostic> {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(0, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return .failure(unreadable(name, reason: String(cString: strerror(errno)))) }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return .success(SourceFile(path: name, bytes: bytes))
    }

    /// What a path names, following symbolic links as `stat` does.
    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing(String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The names in a directory (without `.` and `..`), unsorted.
    public static func entries(of directory: String) -> Result<[String], Diagnostic> {
        guard let handle = opendir(directory) else {
            return .failure(unreadable(directory, reason: String(cString: strerror(errno))))
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }

    /// The diagnostic for a path that cannot be read.
    public static func unreadable(_ path: String, reason: String) -> Diagnostic {
        let start = SourceLocation(offset: 0, line: 1, column: 1)
        return Diagnostic(.error, .fileUnreadable, "cannot read '\(path)': \(reason)",
                          at: SourceRange(file: path, start: start, end: start))
    }
}

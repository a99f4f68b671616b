#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RuleID {
    /// A file that cannot be written.
    public static let fileUnwritable = RuleID("file-unwritable")
}

/// Writes a file all at once: the bytes go to a temporary file in the
/// target's directory, which is flushed to disk and renamed over the target,
/// so a reader sees the old file or the new one, never half of one, and a
/// failed write (a full disk, a read-only directory) leaves the old file as
/// it was. A symbolic link is written through: its final target is replaced
/// and the link stays. The target's mode, owner and group are kept; when
/// they cannot be (a group the user is not in), nothing is written; a new
/// file gets 0666 less the umask, as a shell redirection would. Only
/// regular files are replaced: a device or a FIFO is written into.
public enum AtomicWriter {
    public static func write(_ text: String, to path: String) -> Result<Void, Diagnostic> {
        write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) -> Result<Void, Diagnostic> {
        writeAll([(path, bytes)])
    }

    /// Writes several files as one change: every file is written to its
    /// temporary name and flushed first, and only when all of them are on
    /// disk are they renamed over their targets, so a failure while writing
    /// (a full disk, a read-only directory) leaves every old file as it was
    /// and no new one in place. Devices and FIFOs are written into as they come.
    public static func writeAll(_ files: [(path: String, bytes: [UInt8])]) -> Result<Void, Diagnostic> {
        var staged: [StagedFile] = []
        for (path, bytes) in files {
            switch stage(bytes, to: path) {
            case .success(let file):
                if let file { staged.append(file) }
            case .failure(let diagnostic):
                staged.forEach { unlink($0.temporary) }
                return .failure(diagnostic)
            }
        }
        for (index, file) in staged.enumerated() {
            guard rename(file.temporary, file.target) == 0 else {
                let diagnostic = failure(file.path)
                staged[index...].forEach { unlink($0.temporary) }
                return .failure(diagnostic)
            }
        }
        // The renames are durable once the directories are on disk too.
        for directory in Set(staged.map(\.directory)) {
            let directoryDescriptor = open(directory, O_RDONLY)
            if directoryDescriptor >= 0 {
                fsync(directoryDescriptor)
                close(directoryDescriptor)
            }
        }
        return .success(())
    }

    /// A file's new bytes under a temporary name beside its target, flushed, with the target's mode and owner.
    private struct StagedFile {
        let path: String
        let target: String
        let temporary: String
        let directory: String
    }

    /// Writes the bytes to a temporary file beside the target; nil when the
    /// target is a device or a FIFO, which is written into at once.
    private static func stage(_ bytes: [UInt8], to path: String) -> Result<StagedFile?, Diagnostic> {
        var named = stat()
        if stat(path, &named) == 0, named.st_mode & S_IFMT != S_IFREG {
            return writeInPlace(bytes, to: path, kind: named.st_mode & S_IFMT).map { nil }
        }
        let target: String
        switch resolve(path) {
        case .success(let resolved): target = resolved
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        var existing = stat()
        let exists = stat(target, &existing) == 0
        let directory = target.lastIndex(of: "/").map { String(target[...$0]) } ?? "./"
        let name = target.split(separator: "/").last.map(String.init) ?? target
        var template = Array((directory + "." + name + ".weir-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { return .failure(failure(path)) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func abandon(_ reason: String? = nil) -> Result<StagedFile?, Diagnostic> {
            let diagnostic = failure(path, reason: reason)
            close(descriptor)
            unlink(temporary)
            return .failure(diagnostic)
        }
        if exists {
            if fchown(descriptor, existing.st_uid, existing.st_gid) != 0 {
                return abandon("cannot keep its owner and group (\(String(cString: strerror(errno))))")
            }
            guard fchmod(descriptor, existing.st_mode & 0o7777) == 0 else { return abandon() }
        } else {
            // mkstemp makes the file 0600; a new file gets the mode open(2) would give it (0666 less the umask).
            let mask = umask(0)
            umask(mask)
            guard fchmod(descriptor, 0o666 & ~mask) == 0 else { return abandon() }
        }
        guard writeFully(descriptor, bytes), fsync(descriptor) == 0 else { return abandon() }
        guard close(descriptor) == 0 else {
            let diagnostic = failure(path)
            unlink(temporary)
            return .failure(diagnostic)
        }
        return .success(StagedFile(path: path, target: target, temporary: temporary, directory: directory))
    }

    /// A character device or a FIFO (`-o /dev/null`, `-o /dev/stdout`) is
    /// written into, as a shell redirection would; it is never replaced by a
    /// regular file. A directory or a socket is refused.
    private static func writeInPlace(_ bytes: [UInt8], to path: String, kind: mode_t) -> Result<Void, Diagnostic> {
        guard kind == S_IFCHR || kind == S_IFIFO else {
            return .failure(failure(path, reason: kind == S_IFDIR ? "it is a directory" : "not a regular file, a device or a FIFO"))
        }
        let descriptor = open(path, O_WRONLY | O_TRUNC)
        guard descriptor >= 0 else { return .failure(failure(path)) }
        guard writeFully(descriptor, bytes) else {
            let diagnostic = failure(path)
            close(descriptor)
            return .failure(diagnostic)
        }
        guard close(descriptor) == 0 else { return .failure(failure(path)) }
        return .success(())
    }

    /// Writes every byte, retrying short writes and interruptions; false with errno set on failure.
    private static func writeFully(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    /// The file a path finally names: the path itself, or the target of its
    /// chain of symbolic links (a dangling link names the file it would create).
    static func resolve(_ path: String) -> Result<String, Diagnostic> {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return .success(current) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return .failure(failure(path)) }
            let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if link.hasPrefix("/") {
                current = link
            } else {
                let base = current.lastIndex(of: "/").map { String(current[...$0]) } ?? ""
                current = base + link
            }
        }
        errno = ELOOP
        return .failure(failure(path))
    }

    private static func failure(_ path: String, reason: String? = nil) -> Diagnostic {
        let start = SourceLocation(offset: 0, line: 1, column: 1)
        let why = reason ?? String(cString: strerror(errno))
        return Diagnostic(.error, .fileUnwritable, "cannot write '\(path)': \(why); nothing was written",
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

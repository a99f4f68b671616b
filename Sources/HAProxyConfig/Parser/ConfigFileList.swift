import ConfigDiagnostics

/// Expands the paths given to `weir lint` the way `haproxy -f` does: a
/// file is read as it is; a directory contributes its regular files whose
/// name ends in `.cfg` (the first `.cfg` in the name must end it) and does
/// not start with a dot, in byte order (alphasort in the C locale).
public enum ConfigFileList {
    /// Whether a directory entry is one HAProxy would load.
    public static func isConfigName(_ name: String) -> Bool {
        let bytes = Array(name.utf8), marker = Array(".cfg".utf8)
        guard bytes.first != UInt8(ascii: "."), bytes.count >= marker.count else { return false }
        let first = (0...(bytes.count - marker.count)).first { Array(bytes[$0..<$0 + marker.count]) == marker }
        return first == bytes.count - marker.count
    }

    /// The files to read for one path, or a diagnostic when it cannot be read.
    public static func expand(_ path: String) -> Result<[String], Diagnostic> {
        switch SourceLoader.kind(of: path) {
        case .directory:
            return SourceLoader.entries(of: path).map { names in
                names.filter(isConfigName)
                    .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                    .map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
                    .filter { SourceLoader.kind(of: $0) == .regularFile }
            }
        case .missing(let reason):
            return .failure(SourceLoader.unreadable(path, reason: reason))
        case .regularFile, .other:
            return .success([path])
        }
    }
}

import ConfigDiagnostics
import Foundation
import HAProxyConfig
import KeepalivedConfig

/// Generated configuration text in the layout `weir fmt` gives it, so that
/// what `weir convert` writes passes `weir fmt --check`.
enum CanonicalLayout {
    static func haproxy(_ text: String, path: String) -> String {
        let reader = HAProxyReader()
        let syntax = reader.read([SourceFile(path: path, text: text)]).syntax
        return HAProxyFormatter().format(syntax.files[0], sectionKeywords: reader.registry.sectionKeywords)
    }

    static func keepalived(_ text: String, path: String) -> String {
        KeepalivedFormatter().format(SourceFile(path: path, text: text))
    }
}

extension FileManager {
    /// Whether `path` names an existing directory.
    func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

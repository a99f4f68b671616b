import ConfigCheck
import ConfigDiagnostics
import ConfigYAML
import Foundation
import Yams

/// `.weir.yaml`: a project's lint defaults, found in the current directory
/// or the nearest parent.
///
/// ```yaml
/// disable: [acl-unused]
/// enable: [server-check-missing]
/// severity: { plaintext-stats-password: warning }
/// strict: true
/// target-version: "2.8"
/// ```
struct ProjectFile {
    static let name = ".weir.yaml"
    static let rule = RuleID("project-file")

    var options = CheckOptions()
    var strict = false
    /// The HAProxy version to check for (`target-version`), unless `--target-version` says otherwise.
    var targetVersion: HAProxyVersion?

    /// The nearest `.weir.yaml` from `directory` upwards, if any.
    static func find(from directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = current.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// Reads a project file; problems are diagnostics at its own line and column.
    static func read(_ file: SourceFile) -> Result<ProjectFile, Diagnostic> {
        func failure(_ message: String, _ node: Node?) -> Result<ProjectFile, Diagnostic> {
            let line = node?.mark?.line ?? 1
            let column = node?.mark?.column ?? 1
            let offset = min(file.lineStarts[min(max(line - 1, 0), file.lineStarts.count - 1)] + column - 1, file.bytes.count)
            let location = file.location(at: offset)
            return .failure(Diagnostic(.error, rule, message, at: SourceRange(file: file.path, start: location, end: location)))
        }
        let root: Node?
        // The YAML reader recurses once per level: a hostile .weir.yaml must not overflow the stack.
        if let offset = YAMLLimits.tooDeep(file.bytes) {
            let location = file.location(at: offset)
            return .failure(Diagnostic(.error, rule, YAMLLimits.depthMessage(), at: SourceRange(file: file.path, start: location, end: location)))
        }
        do {
            root = try Yams.compose(yaml: String(decoding: file.bytes, as: UTF8.self), .basic)
        } catch {
            return failure("invalid YAML: \(error)", nil)
        }
        var project = ProjectFile()
        guard let mapping = root?.mapping else { return root == nil ? .success(project) : failure("expected a mapping", root) }
        for (key, value) in mapping {
            switch key.string {
            case "disable", "enable":
                guard let list = value.sequence else { return failure("'\(key.string ?? "")' expects a list of rule ids", value) }
                for item in list {
                    let id = RuleID(item.string ?? "")
                    guard RuleCatalog.description(of: id) != nil else { return failure("unknown rule id '\(id)'", item) }
                    if key.string == "disable" { project.options.disabled.insert(id) } else { project.options.enabled.insert(id) }
                }
            case "severity":
                guard let entries = value.mapping else { return failure("'severity' expects rule: severity pairs", value) }
                for (ruleNode, severityNode) in entries {
                    let id = RuleID(ruleNode.string ?? "")
                    guard RuleCatalog.description(of: id) != nil else { return failure("unknown rule id '\(id)'", ruleNode) }
                    guard let severity = severityNode.string.flatMap(Severity.init(rawValue:)) else {
                        return failure("a severity is error, warning or note", severityNode)
                    }
                    project.options.severities[id] = severity
                }
            case "strict":
                guard let flag = value.string, ["true", "false"].contains(flag) else {
                    return failure("'strict' expects true or false", value)
                }
                project.strict = flag == "true"
            case "target-version":
                guard let text = value.scalar?.string else { return failure(TargetVersionMessage.notAVersion, value) }
                guard let version = HAProxyVersion.target(text) else { return failure(TargetVersionMessage.unsupported(text), value) }
                project.targetVersion = version
            default:
                return failure("unknown key '\(key.string ?? "")': use disable, enable, severity, strict or target-version", key)
            }
        }
        return .success(project)
    }
}

import ConfigDiagnostics
import Yams

/// Reading a site YAML into a node tree once, for both the HAProxy and the
/// Keepalived part.
public enum SiteDocument {
    /// The document's root node, or a diagnostic at the YAML's own line and
    /// column. Nesting deeper than 128 levels and aliases expanding past a
    /// million nodes are refused (`YAMLLimits`). Tags are not resolved (every scalar stays text): the
    /// converters read words, and resolving costs regular expressions.
    public static func compose(_ file: SourceFile) -> Result<Node, Diagnostic> {
        let emitter = Emitter(file: file)
        if let offset = YAMLLimits.tooDeep(file.bytes) {
            return .failure(Diagnostic(.error, .yamlTooLarge, YAMLLimits.depthMessage(), at: file.range(offset, offset + 1)))
        }
        do {
            guard let root = try Yams.compose(yaml: String(decoding: file.bytes, as: UTF8.self), .basic) else {
                return .failure(emitter.diagnostic(.yamlUnexpectedType, YAMLMessage.expected("a mapping", for: "the document"), nil))
            }
            let limit = YAMLLimits.maximumNodes(for: file)
            if let node = YAMLLimits.tooLarge(root, limit: limit) {
                return .failure(emitter.diagnostic(.yamlTooLarge, YAMLLimits.sizeMessage(limit), node))
            }
            return .success(root)
        } catch let error as YamlError {
            return .failure(emitter.syntaxError(error))
        } catch {
            return .failure(emitter.diagnostic(.yamlSyntax, YAMLMessage.syntax("\(error)"), nil))
        }
    }
}

import ConfigDiagnostics
import HAProxyConfig

extension NamedOption {
    /// Where the value of a one-value option is (it ends the option's range), else the whole option.
    var valueRange: SourceRange {
        guard let value, extraValues.isEmpty else { return range }
        var result = range
        result.start = result.end
        result.start.offset -= value.utf8.count
        result.start.column -= value.utf8.count
        return result
    }
}

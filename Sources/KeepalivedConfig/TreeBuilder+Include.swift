import ConfigDiagnostics

/// `include PATTERN`: the matching files are read in place, in sorted order.
extension TreeBuilder {
    mutating func include(_ node: KeepalivedNode, depth: Int) {
        guard let patternWord = node.arguments.first else {
            report(.error, .keepalivedMissingArgument, KeepalivedMessage.missing("include", "a file pattern"), node.keyword)
            return
        }
        let including = files[node.keyword.file].path
        var pattern = patternWord.text
        if !pattern.hasPrefix("/"), let slash = including.lastIndex(of: "/") {
            pattern = String(including[...slash]) + pattern
        }
        let paths = parser.expandPattern(pattern).sorted()
        guard !paths.isEmpty else {
            report(.error, .keepalivedInclude, KeepalivedMessage.includeMissing(patternWord.text), patternWord)
            return
        }
        for path in paths {
            if files.contains(where: { $0.path == path }) || depth >= KeepalivedParser.maximumIncludeDepth {
                report(.error, .keepalivedInclude, KeepalivedMessage.includeLoop(path), patternWord)
                continue
            }
            switch parser.loadFile(path) {
            case .success(let source):
                files.append(source)
                read(fileIndex: files.count - 1, includeDepth: depth + 1)
            case .failure(let diagnostic):
                report(.error, .keepalivedInclude, diagnostic.message, patternWord)
            }
        }
    }
}

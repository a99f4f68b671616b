/// A unified diff of two texts, line by line (Myers' algorithm), as
/// `diff -u` prints it, for `weir fmt --diff`.
public enum UnifiedDiff {
    /// The diff, or an empty string when the texts are equal.
    public static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let script = editScript(a, b)!
        guard script.contains(where: { $0 != .keep }) else { return "" }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        // Walk the script, emitting hunks around changes.
        var operations: [(Edit, Int, Int)] = []
        var i = 0, j = 0
        for edit in script {
            operations.append((edit, i, j))
            switch edit {
            case .keep: i += 1; j += 1
            case .delete: i += 1
            case .insert: j += 1
            }
        }
        var index = 0
        while index < operations.count {
            guard let firstChange = operations[index...].firstIndex(where: { $0.0 != .keep }) else { break }
            let hunkStart = max(index, firstChange - context)
            var hunkEnd = firstChange
            var lastChange = firstChange
            while hunkEnd < operations.count {
                if operations[hunkEnd].0 != .keep { lastChange = hunkEnd }
                if hunkEnd - lastChange > 2 * context { break }
                hunkEnd += 1
            }
            hunkEnd = min(operations.count, lastChange + context + 1)
            let hunk = operations[hunkStart..<hunkEnd]
            let oldCount = hunk.filter { $0.0 != .insert }.count
            let newCount = hunk.filter { $0.0 != .delete }.count
            let oldStart = hunk.first!.1 + (oldCount == 0 ? 0 : 1)
            let newStart = hunk.first!.2 + (newCount == 0 ? 0 : 1)
            output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for (edit, oldIndex, newIndex) in hunk {
                switch edit {
                case .keep: output += " " + a[oldIndex] + "\n"
                case .delete: output += "-" + a[oldIndex] + "\n"
                case .insert: output += "+" + b[newIndex] + "\n"
                }
            }
            index = hunkEnd
        }
        return output
    }

    /// One step of an edit script: keep an element of both, delete one of the first, insert one of the second.
    public enum Edit: Equatable, Sendable { case keep, delete, insert }

    static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// The shortest edit script turning `a` into `b`, or nil when it needs
    /// more than `limit` insertions and deletions. The search keeps, per
    /// step d, the part of its frontier that step can read (diagonals -d-1…d+1),
    /// so memory grows with the number of edits, not with the texts.
    public static func editScript<Element: Equatable>(_ a: [Element], _ b: [Element], limit: Int = .max) -> [Edit]? {
        let n = a.count, m = b.count, maximum = n + m
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [(offset: Int, values: [Int])] = []
        outer: for d in 0...max(maximum, 0) {
            if d > limit { return nil }
            let lower = max(0, maximum - d - 1), upper = min(frontier.count - 1, maximum + d + 1)
            trace.append((lower, Array(frontier[lower...upper])))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && frontier[maximum + k - 1] < frontier[maximum + k + 1]))
                    ? frontier[maximum + k + 1] : frontier[maximum + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                frontier[maximum + k] = x
                if x >= n, y >= m { break outer }
            }
        }
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) where x > 0 || y > 0 {
            let step = trace[d]
            func v(_ diagonal: Int) -> Int { step.values[maximum + diagonal - step.offset] }
            let k = x - y
            let previousK = (k == -d || (k != d && v(k - 1) < v(k + 1))) ? k + 1 : k - 1
            let previousX = v(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY { edits.append(.keep); x -= 1; y -= 1 }
            if d > 0 { edits.append(x == previousX ? .insert : .delete) }
            x = previousX; y = previousY
        }
        return edits.reversed()
    }
}

import Foundation

/// The JSON encoding shared by the JSON and SARIF renderers: one line,
/// sorted keys, unescaped slashes, a final newline. (Foundation's pretty
/// printer writes empty arrays over three lines, which helps no reader.)
enum JSONOutput {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only strings, integers, arrays and objects of them: nothing can fail.
        let data = try! encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

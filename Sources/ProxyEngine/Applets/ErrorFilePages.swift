import Foundation
import NIOCore
import RuntimePlan

/// `errorfile` pages made ready to send, as HAProxy sends them: the status line
/// as written, header names in lower case, the file's `Connection` lines left
/// to the proxy, the body as it is. A page without `Content-Length` ends with
/// the connection; an empty file closes without an answer.
struct ErrorFilePages: Sendable {
    /// One page.
    struct Page: Sendable {
        /// The head without its empty line, or nil for an empty file.
        var head: String?
        var body: String
        var hasLength: Bool
    }

    private let pages: [Int: Page]

    init(_ files: [ErrorFile]) {
        var pages: [Int: Page] = [:]
        for file in files { pages[file.status] = Self.page(file.response) }
        self.pages = pages
    }

    var isEmpty: Bool { pages.isEmpty }

    func page(_ status: Int) -> Page? { pages[status] }

    private static func page(_ text: String) -> Page {
        guard !text.isEmpty else { return Page(head: nil, body: "", hasLength: false) }
        let split = text.range(of: "\r\n\r\n") ?? text.range(of: "\n\n")
        let headText = split.map { String(text[..<$0.lowerBound]) } ?? text
        let body = split.map { String(text[$0.upperBound...]) } ?? ""
        // A Swift Character holds "\r\n" whole, so CRLFs become LFs before the split.
        var lines = headText.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        let start = lines.isEmpty ? "" : lines.removeFirst()
        var head = start
        var hasLength = false
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            if name == "connection" { continue }
            if name == "content-length" { hasLength = true }
            head += "\r\n" + name + line[colon...]
        }
        return Page(head: head, body: body, hasLength: hasLength)
    }

    /// The bytes to send and whether the connection must close after them.
    func response(_ page: Page, closing: Bool) -> (ByteBuffer, close: Bool) {
        guard let head = page.head else { return (ByteBuffer(), true) }
        let close = closing || !page.hasLength
        let connection = close && page.hasLength ? "\r\nconnection: close" : ""
        return (ByteBuffer(string: head + connection + "\r\n\r\n" + page.body), close)
    }
}

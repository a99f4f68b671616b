import NIOCore

/// HAProxy's built-in error responses and the answers the engine writes
/// itself: the same status lines, headers and bodies as HAProxy 2.6 writes
/// (checked against a running haproxy by the tests).
enum ErrorPages {
    static func body(_ status: Int) -> String {
        let (title, text) = page(status)
        return "<html><body><h1>\(title)</h1>\n\(text)\n</body></html>\n"
    }

    /// The status line's reason phrase as HAProxy writes it (`Bad request`, `Gateway Time-out`).
    static func reason(_ status: Int) -> String { String(page(status).title.drop { $0 != " " }.dropFirst()) }

    private static func page(_ status: Int) -> (title: String, text: String) {
        switch status {
        case 200: ("200 OK", "Service ready.")
        case 400: ("400 Bad request", "Your browser sent an invalid request.")
        case 401: ("401 Unauthorized", "You need a valid user and password to access this content.")
        case 403: ("403 Forbidden", "Request forbidden by administrative rules.")
        case 404: ("404 Not Found", "The resource could not be found.")
        case 405: ("405 Method Not Allowed", "A request was made of a resource using a request method not supported by that resource.")
        case 407: ("407 Unauthorized", "You need a valid user and password to access this content.")
        case 408: ("408 Request Time-out", "Your browser didn't send a complete request in time.")
        case 410: ("410 Gone", "The resource is no longer available and will not be available again.")
        case 413: ("413 Payload Too Large", "The request entity exceeds the maximum allowed.")
        case 414: ("414 URI Too Long", "The URI provided was too long for the server to process.")
        case 421: ("421 Misdirected Request", "Request sent to a non-authoritative server.")
        case 422: ("422 Unprocessable Content", "The server cannot process the contained instructions.")
        case 425: ("425 Too Early", "Your browser sent early data.")
        case 429: ("429 Too Many Requests", "You have sent too many requests in a given amount of time.")
        case 431: ("431 Request Header Fields Too Large", "Request Header Fields Too Large.")
        case 500: ("500 Internal Server Error", "An internal server error occurred.")
        case 501: ("501 Not Implemented", "The server does not support the functionality required to fulfill the request.")
        case 502: ("502 Bad Gateway", "The server returned an invalid or incomplete response.")
        case 503: ("503 Service Unavailable", "No server is available to handle this request.")
        case 504: ("504 Gateway Time-out", "The server didn't respond in time.")
        default: ("\(status) \(standardReason(status))", "")
        }
    }

    /// Reason phrases of the statuses rules can answer with that have no error page.
    static func standardReason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        default: status < 400 ? "OK" : "Error"
        }
    }

    /// Errors of the connection itself (a request that cannot be read): HAProxy
    /// writes these with capitalised header names and closes, whatever the request asked.
    static func closesConnection(_ status: Int) -> Bool { status == 400 || status == 408 || status == 422 }

    /// Statuses whose page closes the connection also when a rule answers with it (HAProxy's 400 and 408 pages
    /// carry `connection: close`; its 422 page does not).
    static func closesAfterRule(_ status: Int) -> Bool { status == 400 || status == 408 }

    /// The whole error response, with `connection: close` when `closing`. `fromRules`: the page answers a rule
    /// (`deny`, a `strict` normalizer's bad request) and goes through HAProxy's HTTP layer: lower-case names with
    /// `connection: close` last, and a 400 or 408 always closes.
    static func response(_ status: Int, closing: Bool, fromRules: Bool = false) -> ByteBuffer {
        let page = body(status)
        var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
        if closesConnection(status), !fromRules {
            text += "Content-length: \(page.utf8.count)\r\nCache-Control: no-cache\r\n"
            // HAProxy's 422 page has no Connection line, although the connection closes.
            if status != 422 { text += "Connection: close\r\n" }
            text += "Content-Type: text/html\r\n"
        } else {
            text += "content-length: \(page.utf8.count)\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n"
            if closing || (fromRules && closesAfterRule(status)) { text += "connection: close\r\n" }
        }
        return ByteBuffer(string: text + "\r\n" + page)
    }

    /// A response the rules answer with (`return`, `redirect`): the status, the headers given, the body.
    /// `leading` headers (`return … hdr`) come before the length, as HAProxy writes them.
    static func local(_ status: Int, leading: [(String, String)] = [], headers: [(String, String)], body: String?,
                      closing: Bool) -> ByteBuffer {
        var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
        for (name, value) in leading { text += "\(name): \(value)\r\n" }
        text += "content-length: \(body?.utf8.count ?? 0)\r\n"
        for (name, value) in headers where name.lowercased() != "content-length" { text += "\(name): \(value)\r\n" }
        if closing { text += "connection: close\r\n" }
        return ByteBuffer(string: text + "\r\n" + (body ?? ""))
    }
}

import NIOCore
import NIOHTTP1

/// HAProxy's built-in error responses: the same status lines, headers and
/// bodies as HAProxy 2.6 writes (checked against a running haproxy by the tests).
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
        default: ("\(status) \(HTTPResponseStatus(statusCode: status).reasonPhrase)", "")
        }
    }

    /// Errors of the connection itself (a request that cannot be read): HAProxy
    /// writes these with capitalised header names and always closes.
    static func closesConnection(_ status: Int) -> Bool { status == 400 || status == 408 }

    /// The response head and body of an error page, with `connection: close` when `closing`.
    static func response(_ status: Int, version: HTTPVersion = .http1_1, closing: Bool) -> (HTTPResponseHead, ByteBuffer) {
        let body = ByteBuffer(string: body(status))
        var headers = HTTPHeaders()
        if closesConnection(status) {
            headers.add(name: "Content-length", value: String(body.readableBytes))
            headers.add(name: "Cache-Control", value: "no-cache")
            headers.add(name: "Connection", value: "close")
            headers.add(name: "Content-Type", value: "text/html")
        } else {
            headers.add(name: "content-length", value: String(body.readableBytes))
            headers.add(name: "cache-control", value: "no-cache")
            headers.add(name: "content-type", value: "text/html")
            if closing { headers.add(name: "connection", value: "close") }
        }
        let line = HTTPResponseStatus.custom(code: UInt(status), reasonPhrase: reason(status))
        return (HTTPResponseHead(version: version, status: line, headers: headers), body)
    }
}

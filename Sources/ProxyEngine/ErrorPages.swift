import NIOCore
import NIOHTTP1

/// HAProxy's built-in error responses: the same status lines, headers and
/// bodies as its `http_err_msgs`.
enum ErrorPages {
    static func body(_ status: Int) -> String {
        let (title, text): (String, String) = switch status {
        case 400: ("400 Bad request", "Your browser sent an invalid request.")
        case 401: ("401 Unauthorized", "You need a valid user and password to access this content.")
        case 403: ("403 Forbidden", "Request forbidden by administrative rules.")
        case 405: ("405 Method Not Allowed", "A request was made of a resource using a request method not supported by that resource")
        case 407: ("407 Unauthorized", "You need a valid user and password to access this content.")
        case 408: ("408 Request Time-out", "Your browser didn't send a complete request in time.")
        case 410: ("410 Gone", "The resource is no longer available and will not be available again.")
        case 413: ("413 Payload Too Large", "The request entity exceeds the maximum allowed.")
        case 425: ("425 Too Early", "Your browser sent early data.")
        case 429: ("429 Too Many Requests", "You have sent too many requests in a given amount of time.")
        case 500: ("500 Internal Server Error", "An internal server error occurred.")
        case 501: ("501 Not Implemented", ".The server does not support the functionality required to fulfill the request.")
        case 502: ("502 Bad Gateway", "The server returned an invalid or incomplete response.")
        case 503: ("503 Service Unavailable", "No server is available to handle this request.")
        case 504: ("504 Gateway Time-out", "The server didn't respond in time.")
        default: ("\(status) \(HTTPResponseStatus(statusCode: status).reasonPhrase)", "")
        }
        return "<html><body><h1>\(title)</h1>\n\(text)\n</body></html>\n"
    }

    /// The response head and body of an error page; the connection closes after it.
    static func response(_ status: Int, version: HTTPVersion = .http1_1) -> (HTTPResponseHead, ByteBuffer) {
        let body = ByteBuffer(string: body(status))
        var headers = HTTPHeaders()
        headers.add(name: "content-length", value: String(body.readableBytes))
        headers.add(name: "cache-control", value: "no-cache")
        headers.add(name: "content-type", value: "text/html")
        headers.add(name: "connection", value: "close")
        return (HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: headers), body)
    }
}

import RuntimePlan

/// `capture cookie NAME len N` as HAProxy's cookie parsers apply it
/// (src/http_ana.c): the first cookie whose name starts with NAME, written
/// `name=value` with the blanks around `=` removed, cut to N bytes. In
/// requests every cookie of every `Cookie` line counts (`;` and `,` end
/// one); in responses only the first cookie of each `Set-Cookie` line, which
/// must have a value.
enum CookieCaptureReader {
    /// `%CC`: from the request's `Cookie` lines.
    static func client(_ capture: CookieCapture, _ headers: [HTTPHeaderField]) -> String? {
        for field in headers where field.name.lowercased() == "cookie" {
            for piece in field.value.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                if let found = matching(capture, piece, needsValue: false) { return found }
            }
        }
        return nil
    }

    /// `%CS`: from the response's `Set-Cookie` lines.
    static func server(_ capture: CookieCapture, _ headers: [HTTPHeaderField]) -> String? {
        for field in headers where field.name.lowercased() == "set-cookie" {
            let first = field.value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            if let found = matching(capture, first, needsValue: true) { return found }
        }
        return nil
    }

    private static func matching(_ capture: CookieCapture, _ piece: Substring, needsValue: Bool) -> String? {
        let blanks: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let text: String
        if let equal = piece.firstIndex(of: "=") {
            let name = piece[..<equal].drop(while: blanks).reversed().drop(while: blanks).reversed()
            let value = piece[piece.index(after: equal)...].drop(while: blanks).reversed().drop(while: blanks).reversed()
            text = String(name) + "=" + String(value)
        } else {
            guard !needsValue else { return nil }
            text = String(piece.drop(while: blanks).reversed().drop(while: blanks).reversed())
        }
        guard text.utf8.starts(with: capture.name.utf8) else { return nil }
        let bytes = text.utf8.prefix(capture.length)
        return String(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }
}

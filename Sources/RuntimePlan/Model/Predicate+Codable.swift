/// Predicates are written as one-key objects: `{"or":[…]}`, `{"and":[…]}`,
/// `{"not":{…}}`, `{"acl":"NAME","tests":[…]}`, `{"test":{…}}`.
extension Predicate: Codable {
    private enum Key: String, CodingKey {
        case or, and, not, acl, tests, test
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let terms = try container.decodeIfPresent([Predicate].self, forKey: .or) {
            self = .or(terms)
        } else if let terms = try container.decodeIfPresent([Predicate].self, forKey: .and) {
            self = .and(terms)
        } else if let term = try container.decodeIfPresent(Predicate.self, forKey: .not) {
            self = .not(term)
        } else if let name = try container.decodeIfPresent(String.self, forKey: .acl) {
            self = .acl(name: name, tests: try container.decode([ACLTest].self, forKey: .tests))
        } else if let test = try container.decodeIfPresent(ACLTest.self, forKey: .test) {
            self = .test(test)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a predicate needs one of or, and, not, acl, test"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .or(let terms): try container.encode(terms, forKey: .or)
        case .and(let terms): try container.encode(terms, forKey: .and)
        case .not(let term): try container.encode(term, forKey: .not)
        case .acl(let name, let tests):
            try container.encode(name, forKey: .acl)
            try container.encode(tests, forKey: .tests)
        case .test(let test): try container.encode(test, forKey: .test)
        }
    }
}

/// Log-format parts are written as `{"literal":"…"}`, `{"fetch":{…}}`,
/// `{"separator":true}`, `{"variable":{…}}`, `{"fetch":{…},"flags":{…}}` or `{"unavailable":"…"}`.
extension LogFormat.Part {
    private enum Key: String, CodingKey {
        case literal, fetch, flags, separator, variable, unavailable
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .literal) {
            self = .literal(text)
        } else if try container.decodeIfPresent(Bool.self, forKey: .separator) != nil {
            self = .separator
        } else if let variable = try container.decodeIfPresent(LogVariable.self, forKey: .variable) {
            self = .variable(variable)
        } else if let text = try container.decodeIfPresent(String.self, forKey: .unavailable) {
            self = .unavailable(text)
        } else if let flags = try container.decodeIfPresent(LogVariable.Flags.self, forKey: .flags) {
            self = .flaggedFetch(try container.decode(Fetch.self, forKey: .fetch), flags)
        } else {
            self = .fetch(try container.decode(Fetch.self, forKey: .fetch))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .literal(let text): try container.encode(text, forKey: .literal)
        case .fetch(let fetch): try container.encode(fetch, forKey: .fetch)
        case .flaggedFetch(let fetch, let flags):
            try container.encode(fetch, forKey: .fetch)
            try container.encode(flags, forKey: .flags)
        case .separator: try container.encode(true, forKey: .separator)
        case .variable(let variable): try container.encode(variable, forKey: .variable)
        case .unavailable(let text): try container.encode(text, forKey: .unavailable)
        }
    }
}

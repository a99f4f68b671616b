/// The variable scopes HAProxy 2.6 knows (`proc.`, `sess.`, `txn.`, `req.`,
/// `res.`): what makes a converter argument such as `hmac`'s key name a variable.
public enum VariableScopes {
    public static let names: Set<String> = ["proc", "sess", "txn", "req", "res"]
}

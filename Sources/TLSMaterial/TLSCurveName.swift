/// HAProxy's curve names (OpenSSL's) and the engine library's.
public enum TLSCurveName {
    /// The canonical name the engine uses for a curve, nil when its TLS library lacks it (X448).
    public static func engineName(_ name: String) -> String? {
        switch name {
        case "X25519", "x25519": "X25519"
        case "P-256", "prime256v1", "secp256r1": "P-256"
        case "P-384", "secp384r1": "P-384"
        case "P-521", "secp521r1": "P-521"
        default: nil
        }
    }
}

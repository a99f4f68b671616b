/// The curve names HAProxy hands to OpenSSL in `curves` and `ecdhe`, and
/// which of them OpenSSL 3.0 (haproxy 2.6's library on Debian bookworm)
/// accepts; names are compared as OpenSSL compares them, by case except for
/// `x25519` and `x448`.
public enum TLSCurveNames {
    /// Every group name `SSL_CTX_set1_curves_list` accepts (checked one by one against haproxy 2.6.12 with OpenSSL 3.0).
    public static let known: Set<String> = [
        "sect163k1", "sect163r1", "sect163r2", "sect193r1", "sect193r2", "sect233k1", "sect233r1", "sect239k1",
        "sect283k1", "sect283r1", "sect409k1", "sect409r1", "sect571k1", "sect571r1", "secp160k1", "secp160r1",
        "secp160r2", "secp192k1", "secp192r1", "prime192v1", "secp224k1", "secp224r1", "secp256k1", "secp256r1",
        "prime256v1", "secp384r1", "secp521r1", "P-192", "P-224", "P-256", "P-384", "P-521", "K-163", "B-163", "K-233",
        "B-233", "K-283", "B-283", "K-409", "B-409", "K-571", "B-571", "brainpoolP256r1", "brainpoolP384r1",
        "brainpoolP512r1", "x25519", "X25519", "x448", "X448", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144",
        "ffdhe8192",
    ]

    /// The names of a `curves` list (`X25519:P-256`), empty ones included.
    public static func names(ofList value: String) -> [String] {
        value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }

    /// The names OpenSSL would refuse in a bind's `curves` list, or its `ecdhe` curve (one name).
    public static func unknown(in option: NamedOption) -> [String] {
        let value = option.value ?? ""
        let listed = option.name == "ecdhe" ? [value] : Self.names(ofList: value)
        return listed.filter { !known.contains($0) }
    }
}

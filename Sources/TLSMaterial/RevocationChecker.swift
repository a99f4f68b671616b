import Foundation
import X509

/// The revocation lists of a `crl-file` that a CA of the `ca-file` signed,
/// and the verdict on a verified peer certificate as OpenSSL gives it under
/// HAProxy's CRL_CHECK: revoked, or refused when no list of its issuer is
/// there or the list is past its `nextUpdate`. Only the peer's own
/// certificate is checked (the library hands over the verified leaf only).
public struct RevocationChecker: Sendable {
    /// What the lists say of a certificate.
    public enum Verdict: Sendable, Equatable {
        case valid
        case revoked
        /// No list of the certificate's issuer (OpenSSL: "unable to get certificate CRL").
        case noList
        /// The issuer's list is past its `nextUpdate` (OpenSSL: "CRL has expired").
        case staleList
    }

    public let lists: [RevocationList]

    public init(lists: [RevocationList]) {
        self.lists = lists
    }

    /// The lists of `crlFile` signed by a certificate of `caFile`; a problem when the file cannot be read
    /// or a list is signed by none of them.
    public static func load(crlFile: String, caFile: String) -> Result<RevocationChecker, RevocationList.Problem> {
        let lists: [RevocationList]
        switch RevocationList.load(crlFile) {
        case .failure(let problem): return .failure(problem)
        case .success(let loaded): lists = loaded
        }
        let authorities = FileManager.default.contents(atPath: caFile).map { data in
            PEMBundle(text: String(decoding: data, as: UTF8.self)).blocks
                .filter { PEMBundle.certificateLabels.contains($0.label) }
                .compactMap { $0.canonical.flatMap { try? Certificate(pemEncoded: $0) } }
        } ?? []
        for list in lists where !authorities.contains(where: list.isSigned(by:)) {
            return .failure(RevocationList.Problem(description: "'crl-file' \(crlFile): the list of '\(list.issuer)' is not signed "
                                                   + "by a certificate of the ca-file '\(caFile)'"))
        }
        return .success(RevocationChecker(lists: lists))
    }

    public func verdict(for certificate: Certificate, at now: Date = Date()) -> Verdict {
        let issued = lists.filter { $0.issuer == certificate.issuer }
        guard !issued.isEmpty else { return .noList }
        if issued.contains(where: { $0.revokedSerials.contains(certificate.serialNumber) }) { return .revoked }
        if issued.allSatisfy({ ($0.nextUpdate ?? .distantFuture) < now }) { return .staleList }
        return .valid
    }
}

import Foundation
import SwiftASN1
import X509

/// The entries of a certificate's subject or issuer as HAProxy's
/// `ssl_c_s_dn` and `ssl_c_i_dn` print them: in certificate order, with
/// OpenSSL's short names (`C`, `ST`, `L`, `O`, `OU`, `CN`), the dotted OID
/// for attributes OpenSSL has no short name for.
public enum CertificateNameEntries {
    static let shortNames: [ASN1ObjectIdentifier: String] = [
        .RDNAttributeType.countryName: "C", .RDNAttributeType.stateOrProvinceName: "ST",
        .RDNAttributeType.localityName: "L", .RDNAttributeType.organizationName: "O",
        .RDNAttributeType.organizationalUnitName: "OU", .RDNAttributeType.commonName: "CN",
        .RDNAttributeType.streetAddress: "street", .RDNAttributeType.domainComponent: "DC",
        .RDNAttributeType.emailAddress: "emailAddress", [2, 5, 4, 5]: "serialNumber",
    ]

    public static func entries(_ name: DistinguishedName) -> [(String, String)] {
        name.flatMap { relativeName in
            relativeName.map { attribute in
                (shortNames[attribute.type] ?? attribute.type.description, String(attribute.value) ?? attribute.value.description)
            }
        }
    }

    /// A date as an ASN.1 UTCTime, which `ssl_c_notafter` returns: `YYMMDDhhmmssZ`.
    public static func utcTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let fields = [(parts.year ?? 0) % 100, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0]
        return fields.map { String(format: "%02d", $0) }.joined() + "Z"
    }
}

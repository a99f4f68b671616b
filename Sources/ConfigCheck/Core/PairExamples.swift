/// Shared text of the cross-node rules' examples: a minimal haproxy.cfg and
/// a VRRP instance with the values an example changes.
enum PairExamples {
    static let haproxy = """
        frontend web
            mode http
            bind *:80
            timeout client 30s
            default_backend app
        backend app
            mode http
            timeout connect 5s
            timeout server 30s
            server a 10.0.1.1:80

        """

    /// A haproxy.cfg with a `peers` section listing `peers` (`name address` lines) and a table that uses it.
    static func peers(_ peers: [String], name: String = "mirror", extra: String = "") -> String {
        "peers \(name)\n" + peers.map { "    peer \($0)\n" }.joined() + """
            backend app
                mode http
                timeout connect 5s
                timeout server 30s
                stick-table type ip size 100k expire 30m peers \(name)
                stick on src
                server a 10.0.1.1:80\(extra)

            """
    }

    static func instance(state: String, priority: Int, vrid: String = "51", nopreempt: Bool = false,
                         authPass: String = "s3cret") -> String {
        """
        vrrp_instance VI_1 {
            state \(state)
            interface eth0
            virtual_router_id \(vrid)
            priority \(priority)
            advert_int 1\(nopreempt ? "\n    nopreempt" : "")
            authentication {
                auth_type PASS
                auth_pass \(authPass)
            }
            virtual_ipaddress {
                10.0.0.10/24
            }
        }

        """
    }
}

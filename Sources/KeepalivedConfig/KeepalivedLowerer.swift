/// Turns the block tree into `KeepalivedConfiguration`. It never reports:
/// the parser has judged every keyword, so a value that does not parse is
/// left unset here.
struct KeepalivedLowerer {
    func lower(_ nodes: [KeepalivedNode]) -> KeepalivedConfiguration {
        var config = KeepalivedConfiguration()
        for node in nodes {
            switch node.keyword.text {
            case "global_defs":
                config.globalDefs = GlobalDefs(
                    routerID: node.value("router_id"), enableScriptSecurity: node.child("enable_script_security") != nil,
                    scriptUser: node.child("script_user").map { $0.arguments.map(\.text) }, location: node.keyword)
            case "vrrp_script": config.scripts.append(script(node))
            case "vrrp_instance": config.instances.append(instance(node))
            case "vrrp_sync_group":
                config.syncGroups.append(VRRPSyncGroup(
                    name: node.arguments.first?.text ?? "", members: values(node.child("group")).map { $0[0].text },
                    notify: notify(node), location: node.keyword))
            case "virtual_server": config.virtualServers.append(virtualServer(node))
            default: config.otherBlocks.append(node)
            }
        }
        return config
    }

    /// The value lines of a value block, each as its words.
    private func values(_ node: KeepalivedNode?) -> [[KeepalivedWord]] {
        (node?.children ?? []).map { [$0.keyword] + $0.arguments }
    }

    private func script(_ node: KeepalivedNode) -> VRRPScript {
        VRRPScript(
            name: node.arguments.first?.text ?? "", script: node.child("script")?.arguments.map(\.text).joined(separator: " "),
            interval: node.value("interval").flatMap(Double.init), timeout: node.value("timeout").flatMap(Double.init),
            weight: node.value("weight").flatMap { Int($0) }, rise: node.value("rise").flatMap { Int($0) },
            fall: node.value("fall").flatMap { Int($0) }, user: node.child("user").map { $0.arguments.map(\.text) },
            initFail: node.child("init_fail") != nil, location: node.keyword)
    }

    private func notify(_ node: KeepalivedNode) -> [String: String] {
        var result: [String: String] = [:]
        for child in node.children ?? [] where child.keyword.text.hasPrefix("notify") {
            result[child.keyword.text] = child.arguments.map(\.text).joined(separator: " ")
        }
        return result
    }

    private func track(_ node: KeepalivedNode?) -> [TrackEntry] {
        values(node).map { words in
            let weight = words.firstIndex { $0.text == "weight" }.flatMap { $0 + 1 < words.count ? Int(words[$0 + 1].text) : nil }
            return TrackEntry(name: words[0].text, weight: weight, location: words[0])
        }
    }

    private func addresses(_ node: KeepalivedNode?) -> [VirtualAddress] {
        values(node).map { words in
            // "/" or "/24" has an empty address: kept empty (vip-invalid reports it), never a trap.
            let parts = words[0].text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let options = words.dropFirst().map(\.text)
            func option(_ name: String) -> String? {
                options.firstIndex(of: name).flatMap { $0 + 1 < options.count ? options[$0 + 1] : nil }
            }
            return VirtualAddress(
                address: String(parts[0]), prefixLength: parts.count > 1 ? Int(parts[1]) : nil, device: option("dev"),
                label: option("label"), options: options, location: words[0])
        }
    }

    private func instance(_ node: KeepalivedNode) -> VRRPInstance {
        var instance = VRRPInstance(name: node.arguments.first?.text ?? "", location: node.keyword)
        instance.state = node.value("state")
        instance.interface = node.value("interface")
        instance.virtualRouterID = node.value("virtual_router_id").flatMap { Int($0) }
        instance.priority = node.value("priority").flatMap { Int($0) }
        instance.advertInterval = node.value("advert_int").flatMap(Double.init)
        instance.version = node.value("version").flatMap { Int($0) }
        if let auth = node.child("authentication") {
            instance.authentication = VRRPInstance.Authentication(
                type: auth.value("auth_type"), password: auth.value("auth_pass"), location: auth.keyword)
        }
        instance.virtualAddresses = addresses(node.child("virtual_ipaddress"))
        instance.excludedAddresses = addresses(node.child("virtual_ipaddress_excluded"))
        instance.unicastSourceIP = node.value("unicast_src_ip")
        instance.unicastPeers = values(node.child("unicast_peer")).map { $0[0].text }
        instance.trackScripts = track(node.child("track_script"))
        instance.trackInterfaces = track(node.child("track_interface"))
        instance.noPreempt = node.child("nopreempt") != nil
        instance.preemptDelay = node.value("preempt_delay").flatMap(Double.init)
        instance.notify = notify(node)
        return instance
    }

    private func virtualServer(_ node: KeepalivedNode) -> VirtualServer {
        var server = VirtualServer(target: node.arguments.map(\.text), location: node.keyword)
        server.lbAlgorithm = node.value("lb_algo")
        server.lbKind = node.value("lb_kind")
        server.protocolName = node.value("protocol")
        server.persistenceTimeout = node.value("persistence_timeout").flatMap { Int($0) }
        server.delayLoop = node.value("delay_loop").flatMap(Double.init)
        server.sorryServer = node.child("sorry_server").map { $0.arguments.map(\.text) }
        server.realServers = node.children("real_server").map { real in
            var result = VirtualServer.RealServer(
                address: real.arguments.first?.text ?? "", port: real.arguments.dropFirst().first.flatMap { Int($0.text) },
                weight: real.value("weight").flatMap { Int($0) }, location: real.keyword)
            for child in real.children ?? []
            where child.children != nil && (child.keyword.text.hasSuffix("_CHECK") || child.keyword.text.hasSuffix("_GET")) {
                var checker = VirtualServer.Checker(kind: child.keyword.text, location: child.keyword)
                checker.connectTimeout = child.value("connect_timeout").flatMap(Double.init)
                checker.connectPort = child.value("connect_port").flatMap { Int($0) }
                checker.miscPath = child.child("misc_path")?.arguments.map(\.text).joined(separator: " ")
                checker.urls = child.children("url").map { url in
                    var entry: [String: String] = [:]
                    for field in url.children ?? [] { entry[field.keyword.text] = field.arguments.map(\.text).joined(separator: " ") }
                    return entry
                }
                result.checkers.append(checker)
            }
            return result
        }
        return server
    }
}

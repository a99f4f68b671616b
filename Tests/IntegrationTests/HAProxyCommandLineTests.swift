import Foundation
import WeirTestSupport
import XCTest

/// `weir haproxy` and weir started through a link named `haproxy` answer
/// haproxy 2.6's command line as the real haproxy does: the same exit
/// statuses for the same configurations and conditions, the same message
/// shapes, and without `-c` the configuration runs on the engine.
final class HAProxyCommandLineTests: XCTestCase {
    private var directory: URL!
    /// A link named `haproxy` to the weir binary.
    private var link: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-haproxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        link = directory.appendingPathComponent("haproxy")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: WeirProcess.binary)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var realHAProxy: URL {
        get throws {
            guard let found = WeirProcess.which("haproxy") else {
                XCTFail("haproxy 2.6 is not installed: these tests compare weir's haproxy command line with it")
                throw XCTSkip("haproxy missing")
            }
            return found
        }
    }

    private func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func valid(port: Int = 18_080, server: Int = 1) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s

        frontend web
            bind 127.0.0.1:\(port)
            default_backend app

        backend app
            server s1 127.0.0.1:\(server)

        """
    }

    /// Both programs on the same arguments: weir through the link, the real haproxy.
    private func both(_ arguments: [String], environment: [String: String] = [:]) throws
        -> (weir: WeirProcess.Result, haproxy: WeirProcess.Result) {
        (try WeirProcess.run(link, arguments, environment: environment),
         try WeirProcess.run(realHAProxy, arguments, environment: environment))
    }

    func testCheckGivesHAProxysStatusAndMessagesForValidAndInvalidConfigurations() throws {
        let good = try file("good.cfg", valid())
        let unknown = try file("unknown.cfg", valid() + "    bogus-keyword on\n")
        let noListener = try file("backend-only.cfg", """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s

            backend app
                server s1 127.0.0.1:1

            """)
        let disabled = try file("disabled.cfg", valid().replacingOccurrences(of: "frontend web\n", with: "frontend web\n    disabled\n"))
        let statsSocket = try file("stats-socket.cfg", "global\n    stats socket \(directory.path)/admin.sock level admin\n\n"
            + (try String(contentsOfFile: noListener, encoding: .utf8)))
        let missing = directory.appendingPathComponent("missing.cfg").path
        for (path, expected) in [(good, Int32(0)), (unknown, 1), (noListener, 2), (disabled, 2), (statsSocket, 0), (missing, 1)] {
            let (weir, haproxy) = try both(["-c", "-f", path])
            XCTAssertEqual(haproxy.status, expected, "haproxy on \(path): \(haproxy.stderr)")
            XCTAssertEqual(weir.status, haproxy.status, "\(path)\nweir: \(weir.stdout)\(weir.stderr)\nhaproxy: \(haproxy.stderr)")
        }
        let (weirGood, haproxyGood) = try both(["-c", "-f", good])
        XCTAssertEqual(weirGood.stdout, "Configuration file is valid\n")
        XCTAssertEqual(weirGood.stdout, haproxyGood.stdout)

        let (weirBad, haproxyBad) = try both(["-c", "-f", unknown])
        for output in [weirBad.stderr, haproxyBad.stderr] {
            let lines = output.split(separator: "\n").map(String.init)
            XCTAssertTrue(lines.contains { $0.range(of: #"^\[NOTICE\]   \(\d+\) : haproxy version is 2\.6\."#, options: .regularExpression) != nil }, output)
            XCTAssertTrue(lines.contains { $0.range(of: #"^\[ALERT\]    \(\d+\) : config : parsing \[.*unknown\.cfg:13\] : "#, options: .regularExpression) != nil }, output)
            XCTAssertTrue(lines.contains { $0.hasSuffix(" : config : Error(s) found in configuration file : \(unknown)") }, output)
            XCTAssertTrue(lines.last?.range(of: #"^\[ALERT\]    \(\d+\) : config : Fatal errors found in configuration\.$"#, options: .regularExpression) != nil, output)
        }
    }

    func testQuietCheckPrintsNothingAndKeepsTheStatus() throws {
        let good = try file("good.cfg", valid())
        let bad = try file("bad.cfg", valid() + "    bogus-keyword on\n")
        for path in [good, bad] {
            let (weir, haproxy) = try both(["-q", "-c", "-f", path])
            XCTAssertEqual(weir.status, haproxy.status, path)
            XCTAssertEqual(weir.stdout + weir.stderr, "", path)
            XCTAssertEqual(haproxy.stdout + haproxy.stderr, "", path)
        }
    }

    func testADirectoryAndRepeatedFilesAreReadInHAProxysOrder() throws {
        // The frontend is in one file and its backend in another: only together are they valid.
        _ = try file("conf.d/10-front.cfg", valid().components(separatedBy: "\nbackend app")[0] + "\n")
        _ = try file("conf.d/20-back.cfg", "backend app\n    server s1 127.0.0.1:1\n")
        _ = try file("conf.d/30-ignored.txt", "this is not read\n")
        let (weir, haproxy) = try both(["-c", "-f", directory.appendingPathComponent("conf.d").path])
        XCTAssertEqual(haproxy.status, 0, haproxy.stderr)
        XCTAssertEqual(weir.status, 0, weir.stderr)
        let alone = try both(["-c", "-f", directory.appendingPathComponent("conf.d/10-front.cfg").path])
        XCTAssertEqual(alone.haproxy.status, 1)
        XCTAssertEqual(alone.weir.status, 1, alone.weir.stderr)
        let split = try both(["-c", "-f", directory.appendingPathComponent("conf.d/10-front.cfg").path,
                              "--", directory.appendingPathComponent("conf.d/20-back.cfg").path])
        XCTAssertEqual(split.haproxy.status, 0, split.haproxy.stderr)
        XCTAssertEqual(split.weir.status, 0, split.weir.stderr)
    }

    func testConditionEvaluatorAgreesWithHAProxy() throws {
        let expressions = ["1", "0", "", "version_atleast(2.4)", "version_before(2.4)", "feature(OPENSSL)",
                           "defined(HOME) && !defined(WEIR_NOT_SET)", "streq(a,a) || 0", "foo(", "defined(",
                           "'1'", "\"$WEIR_FLAG\""]
        for expression in expressions {
            let (weir, haproxy) = try both(["-cc", expression], environment: ["WEIR_FLAG": "1"])
            XCTAssertEqual(weir.status, haproxy.status, "-cc \(expression): weir \(weir.stderr) haproxy \(haproxy.stderr)")
            XCTAssertEqual(weir.stderr.contains("[ALERT]"), haproxy.stderr.contains("[ALERT]"), expression)
        }
    }

    func testLocalPeerNameFromMinusLReachesTheConfiguration() throws {
        let path = try file("peer.cfg", """
            .if streq("$HAPROXY_LOCALPEER",edge1)
            \(valid())
            .endif

            """)
        for peer in ["edge1", "edge2"] {
            let (weir, haproxy) = try both(["-c", "-L", peer, "-f", path])
            XCTAssertEqual(haproxy.status, peer == "edge1" ? 0 : 2, haproxy.stdout + haproxy.stderr)
            XCTAssertEqual(weir.status, haproxy.status, "-L \(peer): \(weir.stdout)\(weir.stderr)")
        }
    }

    func testZeroWarningAndKeywordDumpFollowHAProxy() throws {
        let warned = try file("no-timeouts.cfg", "frontend web\n    mode http\n    bind 127.0.0.1:18080\n")
        let (weir, haproxy) = try both(["-c", "-f", warned])
        XCTAssertEqual(haproxy.status, 0)
        XCTAssertEqual(weir.status, 0, weir.stderr)
        XCTAssertEqual(weir.stdout, haproxy.stdout, "Warnings were found, then the configuration is valid")
        let (weirStrict, haproxyStrict) = try both(["-dW", "-c", "-f", warned])
        XCTAssertEqual(haproxyStrict.status, 1)
        XCTAssertEqual(weirStrict.status, 1, weirStrict.stderr)
        for output in [weirStrict.stderr, haproxyStrict.stderr] {
            XCTAssertTrue(output.contains("[WARNING]  ("), output)
            XCTAssertTrue(output.hasSuffix(" : config : Some warnings were found and 'zero-warning' is set. Aborting.\n"), output)
        }

        let good = try file("good.cfg", valid())
        let (weirHelp, haproxyHelp) = try both(["-dKhelp", "-q", "-c", "-f", good])
        XCTAssertEqual(weirHelp.status, haproxyHelp.status)
        for output in [weirHelp.stdout, haproxyHelp.stdout] {
            XCTAssertTrue(output.hasPrefix("# List of supported keyword classes:\n"), output)
            XCTAssertTrue(output.contains("\ncfg: configuration keywords\n"), output)
        }
        let (weirKeywords, haproxyKeywords) = try both(["-dKcfg", "-q", "-c", "-f", good])
        for output in [weirKeywords.stdout, haproxyKeywords.stdout] {
            XCTAssertTrue(output.hasPrefix("# List of registered configuration keywords:\n"), output)
            XCTAssertTrue(output.contains("\nglobal\n") && output.contains("\tlua-load\n"), output)
        }
    }

    func testVersionBannerHasHAProxysShape() throws {
        let (weir, haproxy) = try both(["-v"])
        XCTAssertEqual(weir.status, 0)
        XCTAssertEqual(haproxy.status, 0)
        let pattern = #"^HAProxy version (\d+\.\d+\.\d+)[^ ]* "#
        for output in [weir.stdout, haproxy.stdout] {
            XCTAssertNotNil(output.range(of: pattern, options: .regularExpression), output)
            XCTAssertTrue(output.contains("\nRunning on: Linux "), output)
        }
        XCTAssertTrue(weir.stdout.contains("weir"), weir.stdout)
        let verbose = try both(["-vv"])
        XCTAssertEqual(verbose.weir.status, 0)
        for output in [verbose.weir.stdout, verbose.haproxy.stdout] {
            XCTAssertTrue(output.split(separator: "\n").contains { $0.hasPrefix("Feature list : ") }, output)
        }
        XCTAssertTrue(verbose.weir.stdout.contains("-sf"), "the options weir does not honour are listed")
    }

    func testBadUsageExitsOneWithHAProxysUsage() throws {
        for arguments in [[], ["-Z"], ["-c"], ["-sf", "0", "-f", "x.cfg"]] {
            let (weir, haproxy) = try both(arguments)
            XCTAssertEqual(haproxy.status, 1, "\(arguments)")
            XCTAssertEqual(weir.status, 1, "\(arguments): \(weir.stderr)")
            XCTAssertTrue(weir.stderr.hasPrefix("Usage : haproxy [-f <cfgfile|cfgdir>]*"), weir.stderr)
            XCTAssertTrue(weir.stdout.hasPrefix("HAProxy version "), weir.stdout)
        }
        let (weirPIDs, haproxyPIDs) = try both(["-sf", "12x", "-f", "x.cfg"])
        XCTAssertEqual(haproxyPIDs.status, 1)
        XCTAssertEqual(weirPIDs.status, 1)
        XCTAssertTrue(weirPIDs.stderr.contains("-sf option: some bytes unconsumed in PID list {x}"), weirPIDs.stderr)
        XCTAssertTrue(haproxyPIDs.stderr.contains("-sf option: some bytes unconsumed in PID list {x}"), haproxyPIDs.stderr)
        let subcommand = try WeirProcess.weir(["haproxy", "-Z"])
        XCTAssertEqual(subcommand.status, 1)
        XCTAssertTrue(subcommand.stderr.hasPrefix("Usage : weir haproxy "), subcommand.stderr)
        // --help alone is weir's help for the subcommand; through the link it is haproxy's bad usage.
        let help = try WeirProcess.weir(["haproxy", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("OVERVIEW: HAProxy's command line"), help.stdout)
        let (linkHelp, haproxyHelp) = try both(["--help"])
        XCTAssertEqual(linkHelp.status, haproxyHelp.status)
    }

    func testOptionsTheEngineCannotHonourAreNamedButACheckAcceptsThem() throws {
        let good = try file("good.cfg", valid(port: Loopback.freePort()))
        // haproxy's systemd unit checks with `-Ws -f … -c -q` before it starts.
        let (weir, haproxy) = try both(["-Ws", "-f", good, "-c", "-q"])
        XCTAssertEqual(haproxy.status, 0)
        XCTAssertEqual(weir.status, 0, weir.stderr)
        // -D, -sf, -st, -x, -W, -Ws and -S are honoured now (ProcessBehaviourTests, MasterWorkerTests,
        // SystemdNotifyTests, MasterCLITests); -N and -m are not.
        for (option, value) in [("-N", "100"), ("-m", "512")] {
            let run = try WeirProcess.run(link, [option, value, "-f", good])
            XCTAssertEqual(run.status, 1, option)
            XCTAssertTrue(run.stderr.contains("[ALERT]") && run.stderr.contains("option '\(option)' is not supported"), run.stderr)
        }
    }

    func testWithoutCheckTheConfigurationRunsOnTheEngine() throws {
        let backendPort = Loopback.freePort(), proxyPort = Loopback.freePort()
        // The backend is a real haproxy answering every request itself.
        let backendConfig = try file("backend.cfg", """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s

            frontend answer
                bind 127.0.0.1:\(backendPort)
                http-request return status 200 content-type text/plain string "from-backend"

            """)
        let backend = try BackgroundProcess(try realHAProxy.path, ["-db", "-f", backendConfig])
        defer { backend.stop() }
        XCTAssertTrue(Loopback.waitForListener(port: backendPort), backend.output)

        let proxyConfig = try file("proxy.cfg", valid(port: proxyPort, server: backendPort))
        let proxy = try BackgroundProcess(link.path, ["-db", "-f", proxyConfig])
        XCTAssertTrue(Loopback.waitForListener(port: proxyPort), proxy.output)
        let response = Loopback.exchange(port: proxyPort, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 200"), response)
        XCTAssertTrue(response.hasSuffix("from-backend"), response)
        proxy.stop()
        XCTAssertEqual(proxy.process.terminationStatus, 0, "SIGTERM stops it cleanly")
    }
}

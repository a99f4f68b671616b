import Foundation
import XCTest

/// Every write is safe (issue 19, item 3; probe defect D14): `weir fmt` and
/// `weir convert -o` replace a file in one step, through symbolic links,
/// keeping mode, owner and group, and a failed write (a full disk, a
/// read-only directory) leaves the old file as it was and no debris.
final class SafeWriteTests: XCTestCase {
    var work: URL!
    let messy = "global\n  maxconn   100\ndefaults\n  mode http\n"
    let tidy = "global\n    maxconn 100\ndefaults\n    mode http\n"

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-safewrite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    func attributes(_ path: String) throws -> [FileAttributeKey: Any] { try FileManager.default.attributesOfItem(atPath: path) }

    func testFmtWritesThroughSymlinksAndKeepsModeOwnerAndGroup() throws {
        let versions = work.appendingPathComponent("releases")
        try FileManager.default.createDirectory(at: versions, withIntermediateDirectories: true)
        let target = versions.appendingPathComponent("haproxy-v2.cfg")
        try messy.write(to: target, atomically: false, encoding: .utf8)
        let link = work.appendingPathComponent("haproxy.cfg")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "releases/haproxy-v2.cfg")
        let chain = work.appendingPathComponent("current.cfg")
        try FileManager.default.createSymbolicLink(atPath: chain.path, withDestinationPath: link.path)
        chmod(target.path, 0o640)
        let group: gid_t = getuid() == 0 ? 65534 : getgid()
        XCTAssertEqual(chown(target.path, getuid(), group), 0, "chown for the test: \(String(cString: strerror(errno)))")

        let result = try WeirProcess.weir(["fmt", chain.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), tidy, "the link's final target is formatted")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "releases/haproxy-v2.cfg")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: chain.path), link.path)
        let after = try attributes(target.path)
        XCTAssertEqual((after[.posixPermissions] as? NSNumber)?.intValue, 0o640)
        XCTAssertEqual((after[.groupOwnerAccountID] as? NSNumber)?.uint32Value, group, "group kept")
        XCTAssertEqual((after[.ownerAccountID] as? NSNumber)?.uint32Value, getuid(), "owner kept")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: versions.path), ["haproxy-v2.cfg"], "no temporary file left")
    }

    /// fmt does not replace a FIFO by a regular file (nor read it, since it cannot put the result back).
    func testFmtRefusesAFIFO() throws {
        let fifo = work.appendingPathComponent("pipe.cfg")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        let result = try WeirProcess.weir(["fmt", fifo.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("not a regular file"), result.stderr)
        var info = stat()
        XCTAssertEqual(lstat(fifo.path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "still a FIFO")
    }

    /// `-o /dev/null` writes into the device; it never becomes a regular file (a copy of /dev/null, major 1 minor 3, stands in).
    func testOutputToACharacterDeviceWritesIntoIt() throws {
        guard getuid() == 0 else { throw XCTSkip("mknod of a null device needs root") }
        let null = work.appendingPathComponent("null")
        XCTAssertEqual(mknod(null.path, S_IFCHR | 0o666, dev_t((1 << 8) | 3)), 0, String(cString: strerror(errno)))
        let config = work.appendingPathComponent("in.cfg")
        try "global\n    maxconn 10\n".write(to: config, atomically: false, encoding: .utf8)
        let result = try WeirProcess.weir(["convert", config.path, "--to", "yaml", "-o", null.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        var info = stat()
        XCTAssertEqual(lstat(null.path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "still a character device")
    }

    /// Mounts a small tmpfs at `directory` (as root), runs `body`, unmounts.
    func withTmpfs(_ directory: URL, options: String, _ body: () throws -> Void) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let mount = try WeirProcess.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", options, "tmpfs", directory.path])
        guard mount.status == 0 else {
            throw XCTSkip("cannot mount a tmpfs to fill (needs root and CAP_SYS_ADMIN): \(mount.stderr)")
        }
        defer { _ = try? WeirProcess.run(URL(fileURLWithPath: "/bin/umount"), [directory.path]) }
        try body()
    }

    func testFullDiskLeavesTheOldFileIntact() throws {
        let disk = work.appendingPathComponent("full")
        try withTmpfs(disk, options: "size=16k") {
            let config = disk.appendingPathComponent("haproxy.cfg")
            // Long words, each one blank too many: the formatted copy needs room the disk no longer has.
            let original = "global\n" + (0..<80).map { "  description  \(String(repeating: "x", count: 90))\($0)\n" }.joined()
            try original.write(to: config, atomically: false, encoding: .utf8)
            let filler = disk.appendingPathComponent("filler")
            _ = try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cat /dev/zero > '\(filler.path)' 2>/dev/null; true"])
            let result = try WeirProcess.weir(["fmt", config.path])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("No space left on device"), result.stderr)
            XCTAssertEqual(try String(contentsOf: config, encoding: .utf8), original, "old file intact")
            XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: disk.path)), ["haproxy.cfg", "filler"],
                           "no temporary file left")
        }
    }

    func testReadOnlyDirectoryLeavesTheOldFileIntact() throws {
        let directory = work.appendingPathComponent("ro")
        let config = directory.appendingPathComponent("haproxy.cfg")
        let check = { (expected: String) in
            let result = try WeirProcess.weir(["fmt", config.path])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("cannot write '\(config.path)'"), result.stderr)
            XCTAssertEqual(try String(contentsOf: config, encoding: .utf8), expected, "old file intact")
        }
        if getuid() == 0 {
            // Root writes through permissions: a read-only mount stands for the read-only directory.
            try withTmpfs(directory, options: "size=64k") {
                try messy.write(to: config, atomically: false, encoding: .utf8)
                let remount = try WeirProcess.run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", directory.path])
                XCTAssertEqual(remount.status, 0, remount.stderr)
                try check(messy)
            }
        } else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try messy.write(to: config, atomically: false, encoding: .utf8)
            chmod(directory.path, 0o555)
            defer { chmod(directory.path, 0o755) }
            try check(messy)
        }
    }

    /// A new file gets 0666 less the umask, as `>` would give it, not mkstemp's 0600.
    func testNewFileGetsTheUmaskMode() throws {
        let config = work.appendingPathComponent("in.cfg")
        try "global\n    maxconn 10\n".write(to: config, atomically: false, encoding: .utf8)
        let output = work.appendingPathComponent("new.yaml")
        let result = try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"),
                                         ["-c", "umask 027; '\(try WeirProcess.binary.path)' convert '\(config.path)' --to yaml -o '\(output.path)'"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual((try attributes(output.path)[.posixPermissions] as? NSNumber)?.intValue, 0o640)
    }

    /// A pair's files are one change: when one node's file cannot be written
    /// (its directory is a read-only mount), no file of the pair is replaced
    /// and no temporary file is left.
    func testConvertPairReplacesAllFilesOrNone() throws {
        let site = WeirProcess.packageRoot.appendingPathComponent("Fixtures/yaml/production.yaml")
        let scratch = work.appendingPathComponent("scratch")
        let first = try WeirProcess.weir(["convert", site.path, "--output-directory", scratch.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let written = try FileManager.default.subpathsOfDirectory(atPath: scratch.path)
            .filter { !((try? attributes(scratch.appendingPathComponent($0).path)[.type] as? FileAttributeType) == .typeDirectory) }
        XCTAssertGreaterThanOrEqual(written.count, 4, "\(written)")
        let pair = work.appendingPathComponent("pair")
        for file in written {
            let url = pair.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "old \(file)\n".write(to: url, atomically: false, encoding: .utf8)
        }
        let lastDirectory = try XCTUnwrap(written.compactMap { $0.split(separator: "/").dropLast().first.map(String.init) }.max())
        let locked = pair.appendingPathComponent(lastDirectory)
        let kept = try written.filter { $0.hasPrefix(lastDirectory + "/") }.map { ($0, try String(contentsOf: pair.appendingPathComponent($0), encoding: .utf8)) }
        try withTmpfs(locked, options: "size=64k") {
            for (file, text) in kept { try text.write(to: pair.appendingPathComponent(file), atomically: false, encoding: .utf8) }
            let remount = try WeirProcess.run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", locked.path])
            XCTAssertEqual(remount.status, 0, remount.stderr)
            let result = try WeirProcess.weir(["convert", site.path, "--output-directory", pair.path])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("cannot write"), result.stderr)
            for file in written {
                XCTAssertEqual(try String(contentsOf: pair.appendingPathComponent(file), encoding: .utf8), "old \(file)\n", "\(file) replaced")
            }
            let debris = try FileManager.default.subpathsOfDirectory(atPath: pair.path).filter { $0.contains(".weir-") }
            XCTAssertEqual(debris, [], "temporary files left")
        }
    }

    /// Convert writes nothing when its input has errors, and replaces an existing output atomically.
    func testConvertWritesNothingOnErrors() throws {
        let yaml = work.appendingPathComponent("site.yaml")
        let output = work.appendingPathComponent("haproxy.cfg")
        try "old\n".write(to: output, atomically: false, encoding: .utf8)
        try "global:\n  maxconn: \"1\\nuserlist u\"\n".write(to: yaml, atomically: false, encoding: .utf8)
        let result = try WeirProcess.weir(["convert", yaml.path, "-o", output.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), "old\n")
    }
}

import Foundation
import WeirTestSupport
import XCTest

/// Runs the built `weir` binary and other real programs for the integration tests.
enum WeirProcess {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The corpus (../shared/corpus or `WEIR_CORPUS`); the test is skipped when it is missing.
    static var corpus: URL {
        get throws { try TestCorpus.directory() }
    }

    /// The `weir` executable built next to the test bundle.
    static var binary: URL {
        get throws {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("weir")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            throw XCTSkip("the weir executable was not built next to the tests")
        }
    }

    /// What a finished process printed and returned.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs an executable with arguments, optional standard input and environment changes.
    static func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil,
                    environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        // Standard error goes to a file so that neither pipe can fill up and block the child.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("weir-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `weir` with arguments.
    static func weir(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                     directory: URL? = nil) throws -> Result {
        try run(binary, arguments, stdin: stdin, environment: environment, directory: directory)
    }

    /// Finds a program on PATH.
    static func which(_ name: String) -> URL? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        for directory in path.split(separator: ":").map(String.init) {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// One diagnostic as `weir lint --format json` prints it.
struct ReportedDiagnostic: Equatable, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int
    var severity: String
    var rule: String
    var message: String

    var description: String { "\(severity) \(line):\(column) \(rule)" }

    /// Parses the JSON report.
    static func parse(_ json: String) throws -> [ReportedDiagnostic] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let list = object?["diagnostics"] as? [[String: Any]] ?? []
        return list.map { entry in
            let range = entry["range"] as? [String: Any]
            let start = range?["start"] as? [String: Any]
            return ReportedDiagnostic(
                file: entry["file"] as? String ?? "", line: start?["line"] as? Int ?? 0,
                column: start?["column"] as? Int ?? 0, severity: entry["severity"] as? String ?? "",
                rule: entry["rule"] as? String ?? "", message: entry["message"] as? String ?? "")
        }
    }
}

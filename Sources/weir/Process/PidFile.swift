import Foundation

/// Writes the pid file as HAProxy does (the pid and a newline, mode 0644),
/// through a temporary file renamed over it so a reader never sees it half written.
enum PidFile {
    static func write(_ pid: Int32, to path: String, programName: String) -> LaunchFailure? {
        let temporary = "\(path).\(getpid()).tmp"
        let descriptor = open(temporary, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return LaunchFailure("[\(programName).main()] Cannot create pidfile \(path)") }
        let bytes = Array("\(pid)\n".utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        fchmod(descriptor, 0o644)
        close(descriptor)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            return LaunchFailure("[\(programName).main()] Cannot create pidfile \(path)")
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Runs libFuzzer with the process's arguments on one harness. SwiftPM gives
/// every executable its own entry point, so the harness calls the driver
/// from there rather than relying on libFuzzer's `main`. The warm-up inputs
/// run first, so that lazily built tables (the keyword registry) exist
/// before libFuzzer measures the first input's time and memory.
public func runLibFuzzer(_ harness: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt, warmUp: [String]) -> Never {
    for input in warmUp {
        let bytes = Array(input.utf8)
        _ = bytes.withUnsafeBufferPointer { harness($0.baseAddress, $0.count) }
    }
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv, harness))
}

/// The input as an array (libFuzzer passes a null pointer for an empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

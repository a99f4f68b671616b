#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// During a reload the new process's listeners join the old process's
/// SO_REUSEPORT groups. The kernel would go on spreading new connections
/// over both, and those left in the old process's accept queue when it
/// closes its listener would be reset. This attaches to each group a
/// one-instruction classic BPF program that picks the new socket (the
/// group's last, at index `oldListeners`): from then on only the new
/// process receives connections, and the old one drains an empty queue.
/// When the old sockets have left, the index is out of range and the
/// kernel falls back to its hash over the remaining sockets.
enum ReusePortSteering {
    /// Linux's SO_ATTACH_REUSEPORT_CBPF.
    private static let attachClassicProgram: Int32 = 51

    /// `struct sock_filter`.
    private struct Instruction {
        var code: UInt16
        var jumpTrue: UInt8
        var jumpFalse: UInt8
        var value: UInt32
    }

    /// `struct sock_fprog`; the instructions live as long as the call.
    private struct Program: @unchecked Sendable {
        var length: UInt16
        var instructions: UnsafeMutablePointer<Instruction>
    }

    /// Steers the group of `channel`'s listening socket to the socket at `index`.
    static func steer(_ channel: Channel, toIndex index: Int) async throws {
        guard let provider = channel as? SocketOptionProvider else { return }
        let instructions = UnsafeMutablePointer<Instruction>.allocate(capacity: 1)
        defer { instructions.deallocate() }
        // BPF_RET | BPF_K: return the constant, the index of the socket to use.
        instructions.initialize(to: Instruction(code: 0x06, jumpTrue: 0, jumpFalse: 0, value: UInt32(index)))
        let program = Program(length: 1, instructions: instructions)
        try await provider.unsafeSetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(attachClassicProgram),
                                                 value: program).get()
    }
}

import CAffinity
import NIOPosix
import RuntimePlan

/// `cpu-map` as HAProxy 2.6 applies it: the process's CPUs when it runs as
/// a daemon or a master-worker's worker (the threads started afterwards
/// inherit them), and each event-loop thread's own CPUs, within the
/// process's when both are set; a thread whose CPUs and the process's do not
/// meet keeps the process's.
enum CPUAffinity {
    /// Binds the calling thread, and so the threads it starts afterwards, to the process's CPUs.
    static func bindProcess(_ settings: ProcessPlan?, detached: Bool) {
        guard detached, let cpus = settings?.processCPUs, !cpus.isEmpty else { return }
        bindCallingThread(to: cpus)
    }

    /// Binds the Nth event loop of `group` to thread N's CPUs.
    static func bindThreads(of group: MultiThreadedEventLoopGroup, _ settings: ProcessPlan?) {
        guard let settings, !settings.threadCPUs.isEmpty else { return }
        let process = Set(settings.processCPUs)
        for (index, loop) in group.makeIterator().enumerated() {
            guard let mapped = settings.threadCPUs.first(where: { $0.thread == index + 1 })?.cpus else { continue }
            let cpus = process.isEmpty ? mapped : mapped.filter(process.contains)
            guard !cpus.isEmpty else { continue }
            try? loop.submit { bindCallingThread(to: cpus) }.wait()
        }
    }

    /// sched_setaffinity on the calling thread (pid 0), with a mask of 1,024 CPUs as glibc's cpu_set_t;
    /// CPUs the kernel does not have are left to it to refuse.
    private static func bindCallingThread(to cpus: [Int]) {
        let bitsPerWord = UInt.bitWidth
        var mask = [UInt](repeating: 0, count: 1024 / bitsPerWord)
        for cpu in cpus where cpu < 1024 { mask[cpu / bitsPerWord] |= 1 << UInt(cpu % bitsPerWord) }
        _ = mask.withUnsafeBufferPointer { weir_bind_calling_thread($0.baseAddress, UInt(mask.count * MemoryLayout<UInt>.size)) }
    }
}

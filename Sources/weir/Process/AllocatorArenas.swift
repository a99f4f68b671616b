import CMalloc

/// glibc's allocator gives threads that allocate at the same time arenas of
/// their own, up to eight per core, and memory freed in one arena serves only
/// that arena. The engine allocates on its event-loop threads, the idle-parking
/// thread and NIO's helper threads: bounding the arenas to the event loops keeps
/// the peak resident memory of a one-thread engine about 2 MB lower (measured
/// with Benchmarks/engine-vs-haproxy.sh), as HAProxy's one allocator per thread does.
enum AllocatorArenas {
    /// Bounds the arenas to one per event-loop thread; call before the threads start.
    static func limit(toThreads threads: Int) {
        _ = mallopt(M_ARENA_MAX, Int32(clamping: max(1, threads)))
    }
}

// Linux's sched_setaffinity, which Swift's Glibc module does not export (it is a GNU extension);
// used by `weir run` for cpu-map (Sources/weir/Process/CPUAffinity.swift). The mask is a bit per CPU.
#include <sys/syscall.h>
#include <unistd.h>

static inline long weir_bind_calling_thread(const unsigned long *mask, unsigned long bytes) {
    return syscall(SYS_sched_setaffinity, 0, bytes, mask);
}

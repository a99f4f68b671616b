// glibc's malloc tuning (mallopt), which Swift's Glibc module does not export;
// used by `weir run` to bound the allocator's arenas (Sources/weir/Process/AllocatorArenas.swift).
#include <malloc.h>

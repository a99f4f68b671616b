// Linux's epoll, which Swift's Glibc module does not export; used by the
// engine's parking lot for idle connections (Sources/ProxyEngine/Listeners/IdleParking.swift).
#include <sys/epoll.h>

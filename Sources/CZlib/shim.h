// The system zlib (Debian: zlib1g-dev), used by the engine's HTTP compression.
#include <zlib.h>

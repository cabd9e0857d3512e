#include <zlib.h>

// inflateInit2 is a macro (it passes the library's version and the stream's size), which Swift cannot call.
static inline int wxr_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

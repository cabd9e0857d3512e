#include <lzma.h>

// LZMA_STREAM_INIT and LZMA_CONCATENATED are macros Swift cannot import: what they stand for, as functions.

/// A stream zeroed the way liblzma asks before its first use.
static inline lzma_stream wxr_lzma_stream(void) {
    lzma_stream stream = LZMA_STREAM_INIT;
    return stream;
}

/// Starts decoding .xz streams that follow one another as one, with no memory limit (an export's dictionary is
/// at most xz -9's 64 MB).
static inline lzma_ret wxr_lzma_decoder(lzma_stream *stream) {
    return lzma_stream_decoder(stream, UINT64_MAX, LZMA_CONCATENATED);
}

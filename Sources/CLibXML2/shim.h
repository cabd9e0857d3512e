#include <libxml/xmlversion.h>
// libxml2's encoding.h pulls in ICU's headers when built with ICU; Foundation ships its own ICU, and the two
// module maps clash. We never touch the ICU-dependent fields, so leave them out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>
#include <libxml/HTMLparser.h>

// Linux system calls that glibc's Swift module does not declare and that Swift cannot reach through the variadic
// syscall(): the site export swaps its finished folder in with one rename. Elsewhere they fail with ENOSYS, and
// the caller falls back.
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

/// Swaps two paths atomically (renameat2 with RENAME_EXCHANGE).
static inline int wxr_rename_exchange(const char *first, const char *second) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, 2u /* RENAME_EXCHANGE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// Renames without replacing: fails with EEXIST when `destination` exists (renameat2 with RENAME_NOREPLACE).
static inline int wxr_rename_noreplace(const char *source, const char *destination) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, source, AT_FDCWD, destination, 1u /* RENAME_NOREPLACE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// Writes every dirty buffer of the file system holding `descriptor` to disk.
static inline int wxr_syncfs(int descriptor) {
#if defined(__linux__) && defined(SYS_syncfs)
    return (int)syscall(SYS_syncfs, descriptor);
#else
    sync();
    return 0;
#endif
}

#define _GNU_SOURCE
#include "system_calls.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

/// renameat2 with `flags`, relative to the current folder; ENOSYS where the system has no renameat2.
static int rename_with_flags(const char *from, const char *to, unsigned flags) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
#else
    (void)from;
    (void)to;
    (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

int wxr_rename_exchange(const char *first, const char *second) {
    return rename_with_flags(first, second, 2u /* RENAME_EXCHANGE */);
}

int wxr_rename_noreplace(const char *source, const char *destination) {
    return rename_with_flags(source, destination, 1u /* RENAME_NOREPLACE */);
}

int wxr_syncfs(int descriptor) {
#if defined(__linux__) && defined(SYS_syncfs)
    return (int)syscall(SYS_syncfs, descriptor);
#else
    (void)descriptor;
    sync();
    return 0;
#endif
}

#ifndef WXR_SYSTEM_CALLS_H
#define WXR_SYSTEM_CALLS_H

// Linux system calls that glibc's Swift module does not declare and that Swift cannot reach through the
// variadic syscall(). Elsewhere the renames fail with ENOSYS and the caller falls back.

/// Swaps two paths atomically (renameat2 with RENAME_EXCHANGE); -1 with errno set on failure.
int wxr_rename_exchange(const char *first, const char *second);

/// Renames without replacing: fails with EEXIST when `destination` exists (renameat2 with RENAME_NOREPLACE).
int wxr_rename_noreplace(const char *source, const char *destination);

/// Writes every dirty buffer of the file system holding `descriptor` to disk (sync() where syncfs is missing).
int wxr_syncfs(int descriptor);

#endif

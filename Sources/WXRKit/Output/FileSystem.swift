import Foundation

/// The POSIX calls the staged outputs share, each retried on EINTR and failing with an ``ExportError`` that
/// names the path.
enum FileSystem {
    /// The current `errno` as an error about `path`.
    static func failure(_ path: String) -> ExportError {
        .cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }

    /// Whether anything (a file, a folder, a link, dangling or not) is at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Writes every byte, however many calls it takes; `path` names the file in the error.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(ExportError) {
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            written += count
        }
    }

    /// Copies what is left to read from `source` to `destination`, in blocks of 1 MB; the paths name the two
    /// ends in the error.
    static func copyBytes(from source: Int32, sourcePath: String, to destination: Int32, destinationPath: String)
        throws(ExportError)
    {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(sourcePath)
            }
            let result = chunk.withUnsafeBytes { buffer in
                Result { () throws(ExportError) in
                    try writeAll(UnsafeRawBufferPointer(rebasing: buffer[..<count]), to: destination, path: destinationPath)
                }
            }
            try result.get()
        }
    }

    /// Copies a file (contents, permissions, modification time) or recreates a symbolic link, for a file system
    /// that refuses hard links.
    static func copy(_ oldPath: String, to newPath: String) throws(ExportError) {
        var status = stat()
        guard lstat(oldPath, &status) == 0 else { throw failure(oldPath) }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(oldPath, &target, target.count - 1)
            guard count >= 0 else { throw failure(oldPath) }
            target[count] = 0
            guard symlink(target, newPath) == 0 else { throw failure(newPath) }
        case S_IFREG:
            let source = open(oldPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard source >= 0 else { throw failure(oldPath) }
            defer { close(source) }
            let destination = open(newPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, status.st_mode & 0o7777)
            guard destination >= 0 else { throw failure(newPath) }
            do throws(ExportError) {
                try copyBytes(from: source, sourcePath: oldPath, to: destination, destinationPath: newPath)
            } catch {
                close(destination)
                throw error
            }
            var times = [status.st_atim, status.st_mtim]
            futimens(destination, &times)
            fchmod(destination, status.st_mode & 0o7777)
            guard close(destination) == 0 else { throw failure(newPath) }
        default:
            throw .cannotWrite(path: oldPath, reason: "a special file that cannot be linked or copied into the new folder")
        }
    }

    /// The entries of a folder, `.` and `..` left out, with their types when the file system gives them.
    static func entries(of folder: String) throws(ExportError) -> [(name: String, type: UInt8)] {
        guard let directory = opendir(folder) else { throw failure(folder) }
        defer { closedir(directory) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            entries.append((name, entry.pointee.d_type))
        }
        return entries
    }

    /// Removes a file, or a folder and everything in it, never following symbolic links.
    static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        // A read-only folder of the user's must be writable for its entries to go.
        if status.st_mode & 0o700 != 0o700 { chmod(path, status.st_mode & 0o7777 | 0o700) }
        for entry in (try? entries(of: path)) ?? [] {
            let child = path + "/" + entry.name
            if entry.type == DT_DIR || entry.type == DT_UNKNOWN {
                removeTree(child)
            } else {
                unlink(child)
            }
        }
        rmdir(path)
    }

    /// Removes a tree that threads of this process may still be adding to (writes already past their check for
    /// an interruption): again and again, for up to a second, until it stays gone.
    static func removeTreeUntilGone(_ path: String) {
        for _ in 0..<50 {
            removeTree(path)
            guard exists(path) else { return }
            usleep(20_000)
        }
    }
}

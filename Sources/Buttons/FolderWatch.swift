import Glibc

/// Wakes the loop when something appears in a folder or changes its permissions (udev makes a
/// device node, then gives it its group), through inotify: no polling, no wakeups otherwise.
final class FolderWatch {
    let descriptor: Int32
    private var watch: Int32 = -1
    private(set) var folder: String?

    init?() {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Watches the nearest folder of `path`'s that exists (`/dev/input` for its devices, `/dev`
    /// until it exists), so that what is missing is seen as it comes.
    func watch(for path: String) {
        var folder = path
        repeat {
            folder = FolderWatch.parent(of: folder)
        } while folder != "/" && access(folder, F_OK) != 0
        guard folder != self.folder else { return }
        if watch >= 0 { inotify_rm_watch(descriptor, watch) }
        watch = inotify_add_watch(descriptor, folder, UInt32(IN_CREATE | IN_ATTRIB | IN_MOVED_TO))
        self.folder = watch >= 0 ? folder : nil
    }

    /// Reads what happened; the caller only needs to know that something did.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}

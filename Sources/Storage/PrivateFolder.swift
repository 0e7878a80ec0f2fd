import Glibc
import Session

/// A folder of the person's state (saved places, the history): each missing folder on the way
/// is created, the last one private to this user.
enum PrivateFolder {
    static func make(_ folder: String) throws(Failure) {
        var path = ""
        for part in folder.split(separator: "/") {
            path += "/" + part
            var info = stat()
            if stat(path, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else { throw .system("\(path): Not a directory") }
                continue
            }
            guard mkdir(path, path == folder ? 0o700 : 0o755) == 0 || errno == EEXIST else {
                throw .system("\(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}

import Glibc

/// Where the user's session bus is, by the convention every D-Bus client follows:
/// `$DBUS_SESSION_BUS_ADDRESS`, else the socket `$XDG_RUNTIME_DIR/bus`.
public enum SessionBus {
    /// Whether this process has a session bus to connect to. A headless box has none (no
    /// address, no socket), and neither does a process given an empty address.
    public static func configured(environment: [String: String], isSocket: (String) -> Bool = SessionBus.isSocket) -> Bool {
        if let address = environment["DBUS_SESSION_BUS_ADDRESS"] { return !address.isEmpty }
        guard let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty else { return false }
        return isSocket(runtime + "/bus")
    }

    public static func isSocket(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
    }
}

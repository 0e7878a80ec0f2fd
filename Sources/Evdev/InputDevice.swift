import CEvdev
import Glibc

/// A Linux input device (`/dev/input/eventN`) read through libevdev, without blocking: watch
/// `descriptor` in `poll`, then take `events()` until there are none.
public final class InputDevice {
    public let path: String
    public let descriptor: Int32
    private let handle: OpaquePointer

    /// Opens the device for reading; fails with EACCES without the `input` group, ENOENT when it
    /// is not there, ENOTTY when the file is not an input device.
    public init(path: String) throws(InputError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(code: errno, call: "open", path: path) }
        var handle: OpaquePointer?
        let result = libevdev_new_from_fd(fd, &handle)
        guard result == 0, let handle else {
            close(fd)
            throw InputError(code: -result, call: "libevdev_new_from_fd", path: path)
        }
        descriptor = fd
        self.handle = handle
    }

    deinit {
        libevdev_free(handle)
        close(descriptor)
    }

    /// The name the device gives itself ("BT Remote", "button@11").
    public var name: String { String(cString: libevdev_get_name(handle)) }

    public func hasKey(_ code: Int) -> Bool {
        libevdev_has_event_code(handle, UInt32(InputEvent.key), UInt32(code)) == 1
    }

    /// The next event, or nil when there is none for now. After the kernel dropped events
    /// (SYN_DROPPED, returned as such), libevdev's catch-up of the device's state is read and
    /// left out: keys held meanwhile are not presses. ENODEV: the device is gone.
    public func nextEvent() throws(InputError) -> InputEvent? {
        var event = input_event()
        let result = libevdev_next_event(handle, LIBEVDEV_READ_FLAG_NORMAL.rawValue, &event)
        if result == -EAGAIN { return nil }
        if result < 0 { throw InputError(code: -result, call: "libevdev_next_event", path: path) }
        if result == Int32(LIBEVDEV_READ_STATUS_SYNC.rawValue) {
            var caughtUp = input_event()
            while libevdev_next_event(handle, LIBEVDEV_READ_FLAG_SYNC.rawValue, &caughtUp) == Int32(LIBEVDEV_READ_STATUS_SYNC.rawValue) {}
        }
        return InputEvent(time: Double(event.time.tv_sec) + Double(event.time.tv_usec) / 1e6,
                          type: event.type, code: event.code, value: event.value)
    }
}

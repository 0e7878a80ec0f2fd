import Config
import Control
import Evdev
import Foundation
import Glibc

/// Buttons on a Linux input device as a front end of the control protocol: a Bluetooth or USB
/// media remote, a keypad, a button on a Raspberry Pi's GPIO pins (the `gpio-key` overlay). Each
/// press of a bound key is the request it is bound to, as `ctl` would send it. A device that
/// goes away (a remote asleep, unplugged) is waited for without polling and opened again when
/// it is back.
public final class ButtonService: FrontEnd {
    /// Where the kernel's input devices are (udev's convention).
    public static let inputFolder = "/dev/input"

    /// A path, or a device's name.
    private let wanted: String
    private let bindings: [Int: ControlRequest]
    private let folder: String
    private let notice: (String) -> Void
    private var device: InputDevice?
    private let watch: FolderWatch?
    private var presses = KeyPresses()
    /// The last reason the device could not be opened, said once until it changes.
    private var problem: String?

    /// One for each device the settings name.
    public static func all(_ settings: ButtonSettings, notice: @escaping (String) -> Void) -> [ButtonService] {
        settings.devices.map { ButtonService($0, settings, notice: notice) }
    }

    /// `wanted`: a path, or a device's name.
    public init(_ wanted: String, _ settings: ButtonSettings, inputFolder: String = ButtonService.inputFolder,
                notice: @escaping (String) -> Void) {
        self.wanted = wanted
        bindings = settings.bindings
        folder = inputFolder
        self.notice = notice
        watch = FolderWatch()
        connect()
    }

    private var byPath: Bool { wanted.hasPrefix("/") }

    private func connect() {
        switch open() {
        case .success(let opened):
            device = opened
            problem = nil
            notice("buttons: \(opened.name) (\(opened.path))")
        case .failure(let why):
            if why.description != problem { notice("buttons: \(why)") }
            problem = why.description
            watch?.watch(for: byPath ? wanted : folder + "/event0")
        }
    }

    private func open() -> Result<InputDevice, Problem> {
        if byPath {
            do {
                return .success(try InputDevice(path: wanted))
            } catch {
                return .failure(Problem(error))
            }
        }
        var refused = false
        for path in ButtonService.devices(in: folder) {
            do {
                let candidate = try InputDevice(path: path)
                if candidate.name == wanted { return .success(candidate) }
            } catch {
                refused = refused || error.code == EACCES
            }
        }
        return .failure(refused ? Problem(ButtonService.permission(folder))
            : Problem("no input device named '\(wanted)' (stretchcue devices --buttons lists them); waiting for it"))
    }

    /// Why no device is open, as said to the person.
    private struct Problem: Error, Equatable, CustomStringConvertible {
        let description: String

        init(_ text: String) {
            description = text
        }

        init(_ error: InputError) {
            switch error.code {
            case ENOENT, ENODEV, ENXIO: description = "\(error.path) is not there; waiting for it"
            case EACCES, EPERM: description = ButtonService.permission(error.path)
            case ENOTTY, EINVAL: description = "\(error.path) is not an input device (stretchcue devices --buttons lists them)"
            default: description = "cannot open \(error.path): \(error.reason)"
            }
        }
    }

    private static func permission(_ path: String) -> String {
        "cannot read \(path): permission denied (add yourself to the 'input' group: sudo usermod -aG input $USER, then log in again)"
    }

    /// The event devices in `folder`, in the kernel's order.
    public static func devices(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("event") }
            .sorted { Int($0.dropFirst(5)) ?? 0 < Int($1.dropFirst(5)) ?? 0 }
            .map { folder + "/" + $0 }
    }

    // MARK: The loop's side

    public var watched: [Watch] {
        if let device { return [Watch(device.descriptor)] }
        return watch.map { [Watch($0.descriptor)] } ?? []
    }

    public var timeout: Double? { nil }

    public func service(ready: Set<Int32>, handle: (ControlRequest) -> ControlReply) {
        if let device {
            guard ready.contains(device.descriptor) else { return }
            do {
                while let event = try device.nextEvent() {
                    for key in presses.take(event) { press(key, handle) }
                }
            } catch {
                self.device = nil
                presses = KeyPresses()
                problem = nil
                notice("buttons: \(device.name) is gone (\(error.reason)); waiting for it to come back")
                connect()
            }
        } else if let watch, ready.contains(watch.descriptor) {
            watch.drain()
            connect()
        }
    }

    private func press(_ key: Int, _ handle: (ControlRequest) -> ControlReply) {
        guard let request = bindings[key] else { return }
        let state = handle(.status).status?.state ?? .idle
        let reply = handle(request.fromMediaKey(in: state))
        if !reply.ok, let error = reply.error { notice("\(InputKeys.name(key)): \(error)") }
    }
}

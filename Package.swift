// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "StretchCue",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stretchcue", targets: ["stretchcue"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // C libraries, found through pkg-config; `providers` tells a user which package to install.
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        // flite ships no .pc file: its module map names the libraries to link.
        .systemLibrary(name: "CFlite", providers: [.apt(["flite1-dev"])]),
        // The C library's pidfd calls, which Swift's Glibc module leaves out.
        .systemLibrary(name: "CProcess"),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CEvdev", pkgConfig: "libevdev", providers: [.apt(["libevdev-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        // Thin typed wrappers: the only modules that see C pointers.
        .target(name: "ALSA", dependencies: ["CALSA"]),
        .target(name: "SoundFile", dependencies: ["CSndFile"]),
        .target(name: "SampleRate", dependencies: ["CSoxr"]),
        .target(name: "Speech", dependencies: ["CEspeakNG"]),
        .target(name: "Flite", dependencies: ["CFlite"]),
        .target(name: "ChildProcess", dependencies: ["CProcess"]),
        .target(name: "DBus", dependencies: ["CSystemd"]),
        .target(name: "Evdev", dependencies: ["CEvdev"]),
        .target(name: "QRCode", dependencies: ["CQRencode"]),

        // Pure parts: no I/O.
        .target(name: "StrictYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Routine", dependencies: ["StrictYAML", .product(name: "Yams", package: "Yams")]),
        .target(name: "Timeline", dependencies: ["Routine"]),
        .target(name: "Mixer", dependencies: ["Timeline"]),
        .target(name: "Config", dependencies: ["Routine", "Timeline", "StrictYAML", "Control", .product(name: "Yams", package: "Yams")]),
        // The sessions that played, and what they say of keeping at it.
        .target(name: "History"),
        // Routines from other apps' files: Just Another Workout Timer (JSON), Workrave (XML).
        .target(name: "Import", dependencies: ["Routine", "StrictYAML"]),

        // Where the person's files are.
        .target(name: "Paths"),

        // What a terminal shows, laid out to its width in display columns: the status line and
        // the lines above it. Pure: the terminal's size is handed in.
        .target(name: "Terminal", dependencies: ["Control", "Session"]),

        // I/O parts.
        .target(name: "CueSounds", dependencies: ["Mixer", "Timeline", "Routine", "SoundFile", "SampleRate", "Speech", "Flite",
                                                  "ChildProcess"]),
        .target(name: "Player", dependencies: ["ALSA", "Mixer", "Timeline"]),
        .target(name: "Control"),

        // Front ends of the control protocol beside the socket: the desktop's media controls, buttons.
        .target(name: "MPRIS", dependencies: ["DBus", "Control"]),
        .target(name: "Buttons", dependencies: ["Evdev", "Config", "Control"]),

        // The rules of a session, whoever controls it: no terminal, socket or sound-card code.
        .target(name: "Session", dependencies: ["Config", "Control", "Player", "Mixer", "Timeline", "Routine", "StrictYAML",
                                                "History"]),

        // The person's files (config, routines, the saved place, rendered sessions), and a
        // session made ready from them: the I/O under the session rules.
        .target(name: "Storage", dependencies: ["Session", "Config", "Routine", "Timeline", "Paths", "StrictYAML", "Mixer",
                                                "SoundFile", "CueSounds", "History", .product(name: "Yams", package: "Yams")]),
        .target(name: "Preparation", dependencies: ["Storage", "Session", "Config", "CueSounds", "Mixer", "Player", "ALSA",
                                                    "Routine", "Timeline", "Paths", "SampleRate"]),

        // The phone remote: an HTTP front end (SwiftNIO) of the control protocol, a client of the
        // control socket like `ctl`; its page is compiled in.
        .target(
            name: "Remote",
            dependencies: ["Config", "Control", "Paths", "Routine", "Session", "Storage", "Timeline",
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")],
            resources: [.embedInCode("Page/remote.html"), .embedInCode("Page/icon.svg"),
                        .embedInCode("Page/icon-192.png"), .embedInCode("Page/icon-512.png")]
        ),

        .executableTarget(
            name: "stretchcue",
            dependencies: [
                "Routine", "Timeline", "Mixer", "CueSounds", "Player", "Control", "SoundFile", "ALSA", "Config", "Speech", "Flite",
                "Session", "Paths", "Storage", "Preparation", "MPRIS", "Buttons", "Evdev", "History", "Import", "Remote", "QRCode",
                "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "RoutineTests", dependencies: ["Routine", "StrictYAML"]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline", "Routine"]),
        .testTarget(name: "MixerTests", dependencies: ["Mixer", "Timeline", "Routine"]),
        .testTarget(name: "PlayerTests", dependencies: ["Player", "Mixer", "Timeline", "ALSA", "Routine"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "StrictYAML", "Routine", "Timeline", "Control"]),
        .testTarget(name: "AudioIOTests", dependencies: ["SoundFile", "SampleRate", "ALSA", "Speech", "Flite"]),
        .testTarget(name: "SessionTests", dependencies: ["Session", "Control", "Config", "Player", "Routine", "Timeline",
                                                         "History"]),
        .testTarget(name: "ControlTests", dependencies: ["Control"]),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"]),
        .testTarget(name: "CueSoundsTests", dependencies: ["CueSounds", "SoundFile", "Mixer"]),
        .testTarget(name: "MPRISTests", dependencies: ["MPRIS", "DBus", "Control"]),
        .testTarget(name: "ButtonsTests", dependencies: ["Buttons", "Evdev", "Config", "Control"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "CueSounds", "SoundFile", "History", "Session"]),
        .testTarget(name: "RemoteTests", dependencies: ["Remote", "Control", "Config", "QRCode", "Timeline"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SoundFile"]),
        .testTarget(name: "HistoryTests", dependencies: ["History"]),
        .testTarget(name: "ImportTests", dependencies: ["Import", "Routine"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Control", "Session"]),
    ],
    swiftLanguageModes: [.v6]
)

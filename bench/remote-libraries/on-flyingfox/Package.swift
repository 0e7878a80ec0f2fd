// swift-tools-version:6.0
// A minimal HTTP server on FlyingFox, for bench/remote-libraries.
import PackageDescription

let package = Package(
    name: "probe",
    dependencies: [.package(url: "https://github.com/swhitty/FlyingFox", from: "0.20.0")],
    targets: [
        .executableTarget(name: "probe", dependencies: [.product(name: "FlyingFox", package: "FlyingFox")]),
    ]
)

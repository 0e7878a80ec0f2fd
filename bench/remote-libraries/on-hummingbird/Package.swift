// swift-tools-version:6.0
// A minimal HTTP server on Hummingbird 2, for bench/remote-libraries.
import PackageDescription

let package = Package(
    name: "probe",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0")],
    targets: [
        .executableTarget(name: "probe", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ]
)

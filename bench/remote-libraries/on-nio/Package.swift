// swift-tools-version:6.0
// A minimal HTTP server on SwiftNIO's HTTP/1 support, for bench/remote-libraries.
import PackageDescription

let package = Package(
    name: "probe",
    dependencies: [.package(url: "https://github.com/apple/swift-nio", from: "2.80.0")],
    targets: [
        .executableTarget(name: "probe", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
    ]
)

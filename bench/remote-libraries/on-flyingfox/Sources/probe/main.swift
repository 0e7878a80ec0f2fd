import FlyingFox
import Foundation

let port = UInt16(CommandLine.arguments.dropFirst().first ?? "8765") ?? 8765
let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port))
await server.appendRoute("GET /") { _ in HTTPResponse(statusCode: .ok, body: Data("hello\n".utf8)) }
print("listening on \(port)")
try await server.run()

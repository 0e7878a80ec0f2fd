import Hummingbird

let port = Int(CommandLine.arguments.dropFirst().first ?? "8765") ?? 8765
let router = Router()
router.get("/") { _, _ in "hello\n" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
print("listening on \(port)")
try await app.runService()

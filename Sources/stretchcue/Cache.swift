import ArgumentParser
import Storage

struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or clear the spoken lines kept between sessions.",
        discussion: """
            Each line the voice says is kept in $XDG_CACHE_HOME/stretchcue/clips (~/.cache/...) \
            after it is first spoken, so that the next session of a routine starts without \
            speaking it again. A line is kept under its words, the engine that spoke it (with \
            its version, or the voice command as written), the voice and the speed; the least \
            recently used go when the folder passes 128 MiB. Clearing it is always safe: what \
            is missing is made again (stretchcue voice --prepare makes it ahead of time).

            Examples:
              stretchcue cache
              stretchcue cache --clear
            """
    )

    @Flag(name: .long, help: "Remove every kept line.")
    var clear = false

    func run() throws {
        let cache = ClipCache()
        if clear {
            let removed = cache.clear()
            print("removed \(removed.files) spoken lines (\(Cache.size(removed.bytes))) from \(cache.folder)")
        } else {
            let usage = cache.usage()
            print("\(cache.folder): \(usage.files) spoken lines, \(Cache.size(usage.bytes)) of at most \(Cache.size(cache.limit))")
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1 << 20 ? "\(bytes / 1024) KiB" : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
    }
}

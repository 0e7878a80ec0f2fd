import CueSounds
import Foundation
import Glibc
import Mixer
import Testing

@Suite("a session's spoken lines in a mapped file: read as written, let go and read again, nothing left on disk")
struct MappedLinesTests {
    /// Lines of different lengths, one longer than a page and one empty, each sample telling
    /// its line and place.
    let lines: [[Int16]] = [
        (0..<3_000).map { Int16($0 % 1_000) },
        [],
        (0..<10).map { Int16(-$0) },
        (0..<5_000).map { Int16(truncatingIfNeeded: $0 * 7) },
    ]

    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func written(to folders: [String]) -> any SpokenLines {
        let writer = MappedLines.Writer(folders: folders)
        for line in lines { writer.append(line) }
        return writer.finish()
    }

    @Test func eachLineReadsBackAsWrittenAndAgainAfterItIsLetGo() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mapped = written(to: [folder])
        #expect(mapped is MappedLines)
        #expect(mapped.count == lines.count)
        for index in lines.indices {
            #expect(Array(mapped.samples(index)) == lines[index])
            mapped.release(index)
            #expect(Array(mapped.samples(index)) == lines[index], "let go, then read again: the same")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "the file has no name")
    }

    /// What this process holds in memory of the mapping at `address`, in KiB (smaps' Rss).
    func resident(at address: UnsafeRawPointer) throws -> Int {
        // Read to its end: /proc's files say they are empty.
        let file = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        let smaps = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        let target = UInt(bitPattern: address)
        var inside = false
        for line in smaps.split(separator: "\n") {
            let first = line.prefix { $0 != " " }
            let bounds = first.split(separator: "-").compactMap { UInt(String($0), radix: 16) }
            if bounds.count == 2, first.contains("-") {
                inside = (bounds[0]..<bounds[1]).contains(target)
            } else if inside, line.hasPrefix("Rss:") {
                return Int(line.split(separator: " ")[1]) ?? -1
            }
        }
        return -1
    }

    @Test func aLineLetGoLeavesMemoryAndTheOthersStay() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = (0..<200_000).map { Int16(truncatingIfNeeded: $0) }
        let writer = MappedLines.Writer(folders: [folder])
        writer.append(long)
        writer.append(long)
        let mapped = writer.finish()
        let address = UnsafeRawPointer(mapped.samples(0).baseAddress!)
        // Both lines read: both in this process's memory (400 000 bytes each).
        #expect(mapped.samples(0).reduce(0) { $0 &+ Int($1) } == long.reduce(0) { $0 &+ Int($1) })
        #expect(Array(mapped.samples(1)) == long)
        let before = try resident(at: address)
        #expect(before >= 780, "both lines: \(before) KiB")
        mapped.release(0)
        let after = try resident(at: address)
        #expect(after >= 390 && after <= 400, "only the second line's pages stay: \(after) KiB")
        #expect(Array(mapped.samples(0)) == long, "read again whole")
    }

    @Test func withNoFolderToWriteInTheLinesStayInMemory() {
        let held = written(to: ["/nonexistent/folder", "/proc"])
        #expect(held is HeldLines)
        #expect((0..<held.count).map { Array(held.samples($0)) } == lines)
    }
}

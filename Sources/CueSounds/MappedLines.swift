import ChildProcess
import Glibc
import Mixer

/// A session's spoken lines at its rate, written into a file with no name on disk and mapped
/// into memory read-only. The kernel brings a line's pages in as the mix reads them, and
/// `release` gives them back once it has been mixed: the process holds the lines around the
/// one playing, whatever the routine's length, while the rest wait in the page cache (which
/// the system may reclaim and read back) or on disk. The file is gone when the session is.
///
/// Each line starts on a page of its own, so that letting one go never touches another.
public final class MappedLines: SpokenLines, @unchecked Sendable {
    // Set once in init, then only read; the pages themselves belong to the kernel.
    private let base: UnsafeMutableRawPointer
    private let length: Int
    /// Where each line is in the file, in samples.
    private let ranges: [Range<Int>]

    private init(base: UnsafeMutableRawPointer, length: Int, ranges: [Range<Int>]) {
        self.base = base
        self.length = length
        self.ranges = ranges
    }

    deinit {
        munmap(base, length)
    }

    public var count: Int { ranges.count }

    public func samples(_ index: Int) -> UnsafeBufferPointer<Int16> {
        let range = ranges[index]
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: Int16.self) + range.lowerBound, count: range.count)
    }

    public func release(_ index: Int) {
        let range = ranges[index]
        guard !range.isEmpty else { return }
        let page = MappedLines.pageSize
        let start = range.lowerBound * 2
        let end = (range.upperBound * 2 + page - 1) / page * page
        // Only the mapping's hold on the pages goes: reading them again brings them back.
        _ = madvise(base + start, min(end, length) - start, MADV_DONTNEED)
    }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Collects a session's lines as they are made, one at a time, so that no more than one of
    /// them is in memory meanwhile: into an unnamed file in the first of `folders` that takes
    /// one, or, when none does or the disk fills up, in memory (`HeldLines`) after all.
    public final class Writer {
        private var file: ScratchFile?
        /// Where the next line starts in the file, in bytes: always on a page.
        private var end = 0
        private var ranges: [Range<Int>] = []
        /// The lines, when no file holds them.
        private var held: [[Int16]]?

        public init(folders: [String]) {
            for folder in folders {
                if let file = try? ScratchFile.unnamed(in: folder) {
                    self.file = file
                    return
                }
            }
            held = []
        }

        public func append(_ samples: [Int16]) {
            if held == nil, let file, write(samples, to: file) { return }
            if held == nil { held = readBack() }
            held!.append(samples)
        }

        /// The lines, mapped from their file, or held in memory where there is none.
        public func finish() -> any SpokenLines {
            if held == nil, let file, end > 0,
               let base = mmap(nil, end, PROT_READ, MAP_SHARED, file.descriptor, 0), base != MAP_FAILED {
                return MappedLines(base: base, length: end, ranges: ranges)
            }
            return HeldLines(held ?? readBack())
        }

        private func write(_ samples: [Int16], to file: ScratchFile) -> Bool {
            let start = end
            let bytes = samples.count * 2
            let done = samples.withUnsafeBytes { raw -> Bool in
                var written = 0
                while written < bytes {
                    let count = pwrite(file.descriptor, raw.baseAddress! + written, bytes - written, off_t(start + written))
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { return false }
                    written += count
                }
                return true
            }
            let page = MappedLines.pageSize
            let next = (start + bytes + page - 1) / page * page
            // The file must reach the end of its last page for the mapping to read it whole.
            guard done || bytes == 0, ftruncate(file.descriptor, off_t(next)) == 0 else { return false }
            ranges.append(start / 2..<(start + bytes) / 2)
            end = next
            return true
        }

        /// The lines written so far, from the file: where the disk gave out, the rest go to memory.
        private func readBack() -> [[Int16]] {
            defer { file = nil }
            guard let file else { return [] }
            return ranges.map { range in
                var samples = [Int16](repeating: 0, count: range.count)
                let read = samples.withUnsafeMutableBytes { raw in
                    raw.count == 0 ? 0 : pread(file.descriptor, raw.baseAddress, raw.count, off_t(range.lowerBound * 2))
                }
                return read == range.count * 2 ? samples : [Int16](repeating: 0, count: range.count)
            }
        }
    }
}

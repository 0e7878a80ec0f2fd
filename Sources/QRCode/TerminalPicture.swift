/// A QR code drawn on a terminal with block characters, two rows of modules to a line (a
/// terminal cell is about twice as tall as it is wide, so the modules come out square). Pure.
///
/// Phones read dark modules on a light ground: the light parts, and a quiet zone of two
/// modules around the code, are drawn as blocks and the dark ones left blank, so on the usual
/// light-on-dark terminal the code reads the right way round. (On a dark-on-light terminal it
/// comes out inverted, which the cameras of current phones read as well.)
public enum TerminalPicture {
    public static let quietZone = 2

    /// The lines of the picture; `modules[y][x]` is true for a dark module.
    public static func lines(_ modules: [[Bool]]) -> [String] {
        let size = modules.count
        let margin = quietZone
        func light(_ x: Int, _ y: Int) -> Bool {
            let (column, row) = (x - margin, y - margin)
            guard (0..<size).contains(column), (0..<size).contains(row) else { return true }
            return !modules[row][column]
        }
        let extent = size + 2 * margin
        return stride(from: 0, to: extent, by: 2).map { top in
            String((0..<extent).map { x -> Character in
                let upper = light(x, top)
                let lower = top + 1 < extent ? light(x, top + 1) : false
                switch (upper, lower) {
                case (true, true): return "█"
                case (true, false): return "▀"
                case (false, true): return "▄"
                case (false, false): return " "
                }
            })
        }
    }
}

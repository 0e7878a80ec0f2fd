import CQRencode
import Glibc

/// A QR code made by libqrencode: a square of dark and light modules. A thin wrapper, one C
/// call each: `QRcode_encodeString` to make it, `QRcode_free` when it goes.
public final class QRCode {
    /// Modules along a side, without the quiet zone around it.
    public let size: Int
    private let code: UnsafeMutablePointer<QRcode>

    /// How much of the code may be damaged and still read; M (15 %) suits a screen.
    public enum Correction: Sendable {
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// Encodes `text` (as 8-bit data, case kept) in the smallest version that holds it.
    public init(_ text: String, correction: Correction = .medium) throws(QRCodeError) {
        guard let code = QRcode_encodeString(text, 0, correction.level, QR_MODE_8, 1) else {
            throw QRCodeError(code: errno, call: "QRcode_encodeString")
        }
        self.code = code
        size = Int(code.pointee.width)
    }

    deinit {
        QRcode_free(code)
    }

    /// Whether the module at column `x`, row `y` (from the top left, from 0) is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        precondition((0..<size).contains(x) && (0..<size).contains(y), "outside the code")
        return code.pointee.data[y * size + x] & 1 == 1
    }

    /// Every module, row by row.
    public var modules: [[Bool]] {
        (0..<size).map { y in (0..<size).map { x in isDark(x: x, y: y) } }
    }
}

/// libqrencode could not make the code: `ERANGE` for text too long for any version.
public struct QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let call: String

    public var description: String {
        code == ERANGE ? "\(call): the text is too long for a QR code" : "\(call): \(String(cString: strerror(code)))"
    }
}

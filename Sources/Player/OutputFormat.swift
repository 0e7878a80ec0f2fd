import ALSA

/// What the sound device agreed to: the session is compiled and its sounds converted to this.
public struct OutputFormat: Sendable, Equatable, CustomStringConvertible {
    public let rate: Int
    public let channels: Int
    public let sampleFormat: SampleFormat
    /// Frames the device queues; the player keeps it nearly full and sleeps in between.
    public let bufferFrames: Int
    public let periodFrames: Int

    public init(rate: Int, channels: Int, sampleFormat: SampleFormat, bufferFrames: Int, periodFrames: Int) {
        self.rate = rate
        self.channels = channels
        self.sampleFormat = sampleFormat
        self.bufferFrames = bufferFrames
        self.periodFrames = periodFrames
    }

    public var description: String {
        "\(rate) Hz, \(channels) ch, \(sampleFormat), buffer \(bufferFrames) frames (\(bufferFrames * 1000 / rate) ms)"
    }
}

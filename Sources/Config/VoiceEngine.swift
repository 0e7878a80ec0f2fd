/// What speaks the guidance.
public enum VoiceEngine: String, Sendable, CaseIterable, Equatable {
    /// espeak-ng, through its library: many languages, light, and what every other falls back to.
    case espeak
    /// flite, through its library: English voices, light.
    case flite
    /// A program of the person's own (`voice_command`): text on its standard input, WAV out.
    case command

    /// The engines as a person types them, for help and errors.
    public static let wording = allCases.map(\.rawValue).joined(separator: ", ")
}

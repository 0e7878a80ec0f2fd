import StrictYAML
import Yams

extension YAMLDecoding {
    /// A breathing pattern in any form `BreathPattern(parsing:)` takes.
    public func breath(_ node: Node, _ key: String) throws(YAMLError) -> BreathPattern {
        let raw = try scalar(node, key)
        do throws(BreathPatternError) {
            return try BreathPattern(parsing: raw)
        } catch {
            throw self.error(at: node, error.description)
        }
    }
}

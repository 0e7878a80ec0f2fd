import Foundation

/// How a person names a routine, on the command line, in `ctl start` or in the config file: a
/// file, or a name to look for in the routines folder. The one rule for telling them apart.
public enum RoutineReference: Equatable, Sendable, CustomStringConvertible {
    /// An absolute path.
    case file(String)
    /// A name such as `morning`, found as `morning.yaml` (or `.yml`) in the routines folder.
    case name(String)

    /// Text with a slash or a YAML extension is a path; so is a file of that name in `folder`
    /// (the current folder). Anything else is a name. A relative path is made absolute from
    /// `folder`, so the reference means the same to a player running elsewhere.
    public init(_ text: String, relativeTo folder: String, fileExists: (String) -> Bool) {
        let absolute = RoutineReference.absolute(text, in: folder)
        self = RoutineReference.looksLikePath(text) || fileExists(absolute) ? .file(absolute) : .name(text)
    }

    public static func looksLikePath(_ text: String) -> Bool {
        text.contains("/") || text.hasSuffix(".yaml") || text.hasSuffix(".yml")
    }

    public static func absolute(_ path: String, in folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : folder + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    /// The routine's file: a path as it is, a name looked up in each of `folders` in turn (the
    /// person's own before the bundled ones); nil when no file has that name.
    public func file(in folders: [String], fileExists: (String) -> Bool) -> String? {
        switch self {
        case .file(let path): return path
        case .name(let name):
            return folders.lazy.flatMap { ["\($0)/\(name).yaml", "\($0)/\(name).yml"] }.first(where: fileExists)
        }
    }

    /// What a person typed, or the path.
    public var description: String {
        switch self {
        case .file(let path): path
        case .name(let name): name
        }
    }
}

/// A D-Bus value of the few types a property or signal here needs, with its signature.
public indirect enum Value: Sendable, Equatable {
    case string(String)
    case objectPath(String)
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    case double(Double)
    /// `as`.
    case strings([String])
    /// `a{sv}`: names to values of any type, in order.
    case dictionary([Entry])

    public struct Entry: Sendable, Equatable {
        public let key: String
        public let value: Value

        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }
    }

    public var signature: String {
        switch self {
        case .string: "s"
        case .objectPath: "o"
        case .boolean: "b"
        case .int32: "i"
        case .int64: "x"
        case .double: "d"
        case .strings: "as"
        case .dictionary: "a{sv}"
        }
    }
}

extension Message {
    public func append(_ value: Value) throws(BusError) {
        switch value {
        case .string(let text): try append(text, type: "s")
        case .objectPath(let path): try append(path, type: "o")
        case .boolean(let flag): try append(Int32(flag ? 1 : 0), type: "b")
        case .int32(let number): try append(number, type: "i")
        case .int64(let number): try append(number, type: "x")
        case .double(let number): try append(number, type: "d")
        case .strings(let texts):
            try open("a", contents: "s")
            for text in texts { try append(text, type: "s") }
            try close()
        case .dictionary(let entries):
            try append(entries)
        }
    }

    /// An `a{sv}`: each value in a variant of its own type.
    public func append(_ entries: [Value.Entry]) throws(BusError) {
        try open("a", contents: "{sv}")
        for entry in entries {
            try open("e", contents: "sv")
            try append(entry.key, type: "s")
            try appendVariant(entry.value)
            try close()
        }
        try close()
    }

    public func appendVariant(_ value: Value) throws(BusError) {
        try open("v", contents: value.signature)
        try append(value)
        try close()
    }
}

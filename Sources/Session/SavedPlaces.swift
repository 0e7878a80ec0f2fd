/// The saved place of each interrupted routine, the most recently saved last: finishing one
/// routine never erases where another was left. Pure; `PlaceStore` keeps it on disk.
public struct SavedPlaces: Codable, Sendable, Equatable {
    /// Routines remembered at most; the longest untouched are forgotten first.
    public static let limit = 32

    public private(set) var places: [SavedPlace]

    public init(_ places: [SavedPlace] = []) {
        self.places = Array(places.suffix(SavedPlaces.limit))
    }

    /// The place of a routine (its absolute path; nil for one saved without a path, before
    /// routines were told apart).
    public func place(for routine: String?) -> SavedPlace? {
        places.last { $0.routine == routine }
    }

    /// The most recently saved: what `--resume` without a routine goes on with.
    public var latest: SavedPlace? { places.last }

    /// Keeps `place` as its routine's one place, the newest.
    public mutating func keep(_ place: SavedPlace) {
        places.removeAll { $0.routine == place.routine }
        places.append(place)
        if places.count > SavedPlaces.limit { places.removeFirst(places.count - SavedPlaces.limit) }
    }

    /// Replaces the place of `place.routine` where it stands; nothing when it has none.
    public mutating func update(_ place: SavedPlace) {
        guard let index = places.lastIndex(where: { $0.routine == place.routine }) else { return }
        places[index] = place
    }

    public mutating func remove(routine: String?) {
        places.removeAll { $0.routine == routine }
    }
}

import Foundation

/// What `stretchcue ctl start` asks a waiting player for; sent as JSON after the word `start`.
struct StartRequest: Codable, Equatable {
    /// A routine file (absolute) or a name in the routines folder; nil for the configured one.
    var routine: String?
    var breath: String?
    var resume: Bool

    var line: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data("{}".utf8)
        return "start " + String(decoding: data, as: UTF8.self)
    }

    /// The request in a `start …` line; a bare `start` asks for the configured routine.
    init(line: String) throws {
        let body = line.dropFirst("start".count).trimmingCharacters(in: .whitespaces)
        guard !body.isEmpty else {
            self.init(routine: nil, breath: nil, resume: false)
            return
        }
        self = try JSONDecoder().decode(StartRequest.self, from: Data(body.utf8))
    }

    init(routine: String?, breath: String?, resume: Bool) {
        self.routine = routine
        self.breath = breath
        self.resume = resume
    }
}

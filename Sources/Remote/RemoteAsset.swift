/// The files of the page, compiled into the program (SwiftPM embeds them from `Page/`): one
/// HTML file with its CSS and script inline, and the home-screen icons. Nothing is fetched
/// from anywhere else, so the page works on a network with no internet.
///
/// Compiled in rather than installed beside the sounds: the page and the program that serves
/// it are one version, and a moved or half-installed program still serves it.
public enum RemoteAsset: String, Sendable, Equatable, CaseIterable {
    case page = "/"
    /// Made per request: its start address carries the token (see `RemoteManifest`).
    case manifest = "/manifest.webmanifest"
    case icon = "/icon.svg"
    case icon192 = "/icon-192.png"
    case icon512 = "/icon-512.png"

    public init?(path: String) {
        self.init(rawValue: path == "/index.html" ? "/" : path)
    }

    public var contentType: String {
        switch self {
        case .page: "text/html; charset=utf-8"
        case .manifest: "application/manifest+json"
        case .icon: "image/svg+xml"
        case .icon192, .icon512: "image/png"
        }
    }

    /// The file's bytes; the manifest is made by `RemoteManifest`.
    var bytes: [UInt8] {
        switch self {
        case .page: PackageResources.remote_html
        case .manifest: []
        case .icon: PackageResources.icon_svg
        case .icon192: PackageResources.icon_192_png
        case .icon512: PackageResources.icon_512_png
        }
    }
}

/// The web app manifest, so that the page can sit on a phone's home screen and open full
/// screen. Its start address carries the token: a home-screen app may keep cookies apart from
/// the browser's, and only someone already let in is given the manifest.
struct RemoteManifest: Encodable {
    struct Icon: Encodable {
        let src: String
        let sizes: String
        let type: String
    }

    let name = "StretchCue remote"
    let shortName = "StretchCue"
    let startURL: String
    let display = "standalone"
    let backgroundColor = "#101418"
    let themeColor = "#101418"
    let icons = [Icon(src: "icon-192.png", sizes: "192x192", type: "image/png"),
                 Icon(src: "icon-512.png", sizes: "512x512", type: "image/png"),
                 Icon(src: "icon.svg", sizes: "any", type: "image/svg+xml")]

    init(token: RemoteToken) {
        startURL = "/?token=\(token.text)"
    }

    private enum CodingKeys: String, CodingKey {
        case name, display, icons
        case shortName = "short_name"
        case startURL = "start_url"
        case backgroundColor = "background_color"
        case themeColor = "theme_color"
    }
}

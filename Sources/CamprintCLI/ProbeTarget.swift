import CamprintClients
import CamprintDiscovery
import Foundation

/// One argument of `camprint probe`: an `rtsp://`/`rtsps://` URL, or a local recording; or a
/// device `camprint discover` found.
enum ProbeTarget: Sendable {
    case stream(RTSPURL)
    case file(String)
    case discovered(DiscoveredDevice)

    /// Targets on the same key run one after the other (one connection per host); every file
    /// is its own key.
    var key: String {
        switch self {
        case .stream(let url): url.hostKey
        case .file(let path): "file:" + path
        case .discovered(let device): device.rtspURL?.hostKey ?? "address:" + device.address
        }
    }

    /// A URL when `text` has a scheme, else an existing regular file. Errors are one precise
    /// line (without the `target N:` prefix).
    static func parse(_ text: String, fileManager: FileManager = .default) throws(ProbeTargetError) -> ProbeTarget {
        if text.contains("://") {
            do {
                return .stream(try RTSPURL(parsing: text))
            } catch {
                throw ProbeTargetError("invalid URL: \(error.description)")
            }
        }
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: text, isDirectory: &isDirectory) else {
            throw ProbeTargetError(
                "no such file: \(text) (a target is an rtsp:// or rtsps:// URL, or a local recording)"
            )
        }
        if isDirectory.boolValue { throw ProbeTargetError("\(text) is a directory, not a recording") }
        guard fileManager.isReadableFile(atPath: text) else { throw ProbeTargetError("cannot read the file \(text)") }
        return .file(text)
    }
}

struct ProbeTargetError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import CamprintRTSP
import Foundation

/// The parts of a request URI a persona's templates use.
struct RequestURI {
    /// The URI as sent, without one trailing `/`.
    let url: String
    /// `url` without its query.
    let urlPath: String
    /// `?…` or "".
    let query: String
    /// The path after the authority (`/Streaming/Channels/101`), "/" when empty.
    let path: String
    /// `path` followed by the query.
    var pathAndQuery: String { path + query }

    init(_ raw: String) {
        var url = raw
        if url.hasSuffix("/") { url.removeLast() }
        self.url = url
        if let mark = url.firstIndex(of: "?") {
            var base = String(url[..<mark])
            if base.hasSuffix("/") { base.removeLast() }
            urlPath = base
            query = String(url[mark...])
        } else {
            urlPath = url
            query = ""
        }
        var rest = Substring(raw)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(of: "/") {
            let afterAuthority = rest[slash...]
            let noQuery = afterAuthority.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first
            path = String(noQuery ?? "/")
        } else {
            path = raw.hasPrefix("/") ? raw : "/"
        }
    }
}

/// A client Transport header (RFC 2326 §12.39), first alternative only.
struct ClientTransport {
    let raw: String
    let profile: String
    let isTCP: Bool
    let interleaved: (UInt8, UInt8)?
    let clientPorts: (Int, Int)?

    init(_ header: String) {
        let first = header.split(separator: ",").first.map(String.init) ?? header
        raw = first
        let params = first.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        profile = params.first ?? "RTP/AVP"
        isTCP = profile.uppercased().hasSuffix("/TCP") || params.contains { $0.hasPrefix("interleaved=") }
        func pair(_ key: String) -> (Int, Int)? {
            guard let param = params.first(where: { $0.hasPrefix(key + "=") }) else { return nil }
            let numbers = param.dropFirst(key.count + 1).split(separator: "-").compactMap { Int($0) }
            guard let first = numbers.first else { return nil }
            return (first, numbers.count > 1 ? numbers[1] : first + 1)
        }
        if let channels = pair("interleaved"), (0...255).contains(channels.0), (0...255).contains(channels.1) {
            interleaved = (UInt8(channels.0), UInt8(channels.1))
        } else {
            interleaved = nil
        }
        if let ports = pair("client_port"), (1...65535).contains(ports.0), (1...65535).contains(ports.1) {
            clientPorts = ports
        } else {
            clientPorts = nil
        }
    }
}

extension RTSPRequest {
    func header(_ name: String) -> String? {
        headers.value(name)
    }
}

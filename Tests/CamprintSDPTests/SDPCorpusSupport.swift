import CamprintSDP
import CamprintTestSupport
import CamprintWire

/// Corpus files that hold one SDP body each, directly or after RTSP response headers.
enum SDPCorpus {
    static var sdpFiles: [String] { Corpus.files(under: "sdp", extensions: [".sdp"]) }

    static var describeFiles: [String] {
        Corpus.files(under: "rtsp_text/retina", extensions: [".txt"]).filter {
            $0.contains("describe") || $0.hasSuffix("_sdp.txt")
        } + Corpus.files(under: "rtsp_text/axis", extensions: [".txt"]).filter { $0.contains("describe") }
    }

    static var allFiles: [String] { sdpFiles + describeFiles }

    /// The SDP in a corpus file: the bytes after the first blank line when the file is an RTSP
    /// response, else the whole file.
    static func body(_ path: String) throws -> [UInt8] {
        let bytes = try Corpus.bytes(path)
        guard bytes.starts(with: Array("RTSP/".utf8)) else { return bytes }
        for index in bytes.indices {
            if bytes[index...].starts(with: [0x0D, 0x0A, 0x0D, 0x0A]) { return Array(bytes[(index + 4)...]) }
            if bytes[index...].starts(with: [0x0A, 0x0A]) { return Array(bytes[(index + 2)...]) }
        }
        return []
    }

    static func parse(_ path: String) throws -> SessionDescription {
        try SessionDescription(parsing: body(path))
    }
}

extension SessionDescription {
    func hasQuirk(_ code: String) -> Bool { quirks.contains { $0.code == code } }
}

extension Array where Element == Quirk {
    func contains(code: String) -> Bool { contains { $0.code == code } }
}

import CamprintRTSP
import CamprintReport

/// Saved transcripts carry the client's `Authorization` headers (a Basic header is the password
/// in base64) and URLs with `user:password@`. None of it is evidence about the device, and none
/// of it may reach output: headers keep only their scheme, URLs lose their user-info.
enum CredentialRedaction {
    static let sensitiveHeaders = ["authorization", "proxy-authorization"]

    static func redact(_ conversation: RTSPConversation) -> RTSPConversation {
        var redacted = conversation
        for index in redacted.entries.indices {
            switch redacted.entries[index].message {
            case .request(var request):
                request.uri = URLRedaction.redact(request.uri)
                request.headers = redact(request.headers)
                redacted.entries[index].message = .request(request)
            case .response(var response):
                response.headers = redact(response.headers)
                redacted.entries[index].message = .response(response)
            }
        }
        return redacted
    }

    private static func redact(_ headers: RTSPHeaders) -> RTSPHeaders {
        RTSPHeaders(
            headers.map { header in
                var header = header
                if sensitiveHeaders.contains(header.name.lowercased()) {
                    let scheme = header.value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                    header.rawValue = " \(scheme) [redacted]"
                } else if header.rawValue.contains("@") {
                    header.rawValue = URLRedaction.redactAll(in: header.rawValue)
                }
                return header
            }
        )
    }
}

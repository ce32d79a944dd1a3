import CamprintRTSP

/// Whether a logged RTSP conversation still shows the camera's header layout. Clients that log
/// the headers they parsed — re-capitalised, re-sorted, re-spaced — hide spacing (`Date:  `),
/// order and case, so those signals must count neither for nor against.
enum LayoutCheck {
    /// User-Agent tokens of clients whose logs print headers as parsed (gortsplib and the servers
    /// built on it write `Name: value` from a map; go2rtc canonicalises names).
    static let normalisingClients = ["gortsplib", "go2rtc", "mediamtx", "rtsp-simple-server"]

    static func normalisation(_ conversation: RTSPConversation) -> String? {
        for request in conversation.requests {
            if let agent = request.headers.value("User-Agent")?.lowercased(),
                let client = normalisingClients.first(where: { agent.contains($0) })
            {
                return "logged by \(client)"
            }
        }
        let responses = conversation.responses.filter { $0.headers.count >= 4 }
        guard responses.count >= 2 else { return nil }
        if responses.allSatisfy({ response in
            let names = response.headers.map { $0.name.lowercased() }
            return names == names.sorted()
        }) {
            return "every response's headers in alphabetical order"
        }
        if responses.allSatisfy({ $0.headers.allSatisfy { $0.leadingWhitespaceCount == 0 } }) {
            return "no space after any header colon"
        }
        return nil
    }

    /// Observations that only the camera's own layout can give.
    static func isLayoutField(_ field: String) -> Bool {
        field == "rtsp.date.double-space" || field == "rtsp.date.position" || field == "rtsp.session.padding"
            || field.hasPrefix("rtsp.header-order.") || field == "rtsp.transport.ssrc-format"
    }
}

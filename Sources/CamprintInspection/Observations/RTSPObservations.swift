import CamprintRTSP
import CamprintSignatures
import CamprintWire

/// RTSP responses → observations (docs/field-keys.md, `rtsp.*`), using the typed header parsers of
/// CamprintRTSP/Headers and the parsers' quirk codes.
enum RTSPObservations {
    static func extract(_ conversation: RTSPConversation) -> [Observation] {
        var observations: [Observation] = []
        var methodByCSeq: [String: String] = [:]
        for request in conversation.requests {
            if let cseq = request.headers.value("CSeq") { methodByCSeq[cseq.trimmingSpaces] = request.method }
        }
        let responses = conversation.responses
        var finalStatus: [(String, Int)] = []
        var datePositions: [String] = []
        for response in responses {
            let method =
                response.headers.value("CSeq").flatMap { methodByCSeq[$0.trimmingSpaces] }
                ?? inferredMethod(response)
            if let method {
                finalStatus.removeAll { $0.0 == method }
                finalStatus.append((method, response.statusCode))
                if token(method) {
                    let order = response.headers.map { $0.name.lowercased() }.joined(separator: ",")
                    observations.append(Observation(.rtspHeaderOrder(method), order))
                }
            }
            for header in response.headers where token(header.name.lowercased()) {
                observations.append(Observation(.rtspHeader(header.name), header.value))
            }
            observations += authentication(response.headers)
            if let index = response.headers.firstIndex(where: { $0.hasName("Date") }) {
                let header = response.headers[index]
                let date = DateHeader(parsing: header.rawValue)
                observations.append(Observation(.rtspDateLayout, date.layout.rawValue))
                observations.append(
                    Observation(.rtspDateDoubleSpace, header.leadingWhitespaceCount >= 2 ? "true" : "false")
                )
                let position =
                    index == response.headers.count - 1
                    ? "last" : index == 1 && response.headers[0].hasName("CSeq") ? "second" : "other"
                // With only CSeq and Date, "second" and "last" cannot be told apart.
                if response.headers.count >= 3 { datePositions.append(position) }
            }
            if let header = response.headers.first("Session") {
                observations += session(header)
            }
            if let value = response.headers.first("Public")?.rawValue {
                let parsed = PublicHeader(parsing: value)
                observations.append(Observation(.rtspPublic, value.trimmingSpaces))
                observations.append(
                    Observation(.rtspPublicOrder, parsed.methods.map { $0.uppercased() }.joined(separator: ","))
                )
            }
            if let value = response.headers.first("Transport")?.rawValue {
                for spec in TransportHeader(parsing: value).specs {
                    observations.append(Observation(.rtspTransportSsrcFormat, spec.ssrc.map(ssrcFormat) ?? "absent"))
                    if let mode = spec.mode {
                        observations.append(Observation(.rtspTransportMode, spec.modeIsQuoted ? "\"\(mode)\"" : mode))
                    }
                }
            }
            for quirk in response.quirks {
                observations.append(.quirk(quirk.code, channel: .rtsp))
            }
        }
        for (method, status) in finalStatus where token(method.lowercased()) {
            observations.append(Observation(.rtspStatus(method), String(status)))
        }
        if !datePositions.isEmpty {
            let position = Set(datePositions).count == 1 ? datePositions[0] : "other"
            observations.append(Observation(.rtspDatePosition, position))
        }
        if responses.count >= 2, !responses.contains(where: { $0.headers.contains("Server") }) {
            observations.append(Observation(.rtspServerAbsent, "true"))
        }
        if let path = urlPath(conversation) { observations.append(Observation(.rtspUrlPath, path)) }
        return observations
    }

    /// The method a response answers when the request is not in the text.
    static func inferredMethod(_ response: RTSPResponse) -> String? {
        let headers = response.headers
        if headers.contains("Public") { return "OPTIONS" }
        if headers.value("Content-Type")?.lowercased().contains("sdp") == true { return "DESCRIBE" }
        if headers.contains("Transport") { return "SETUP" }
        if headers.contains("RTP-Info") || headers.contains("Range") { return "PLAY" }
        return nil
    }

    private static func token(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    private static func authentication(_ headers: RTSPHeaders) -> [Observation] {
        var observations: [Observation] = []
        var schemes: [String] = []
        for header in headers.all("WWW-Authenticate") {
            for challenge in AuthenticateChallenge.parseAll(header.rawValue) {
                schemes.append(challenge.scheme.lowercased())
                if let realm = challenge.realm {
                    observations.append(Observation(.rtspAuthRealm, realm))
                    observations.append(Observation(.rtspAuthRealmFormat, ValueClassifier.realmFormat(realm)))
                    if let mac = ValueClassifier.macFromRealm(realm) { observations += MACObservations.extract(mac) }
                }
                guard challenge.scheme.lowercased() == "digest" else { continue }
                if let nonce = challenge.nonce {
                    observations.append(Observation(.rtspAuthNonceStyle, ValueClassifier.nonceStyle(nonce)))
                }
                observations.append(Observation(.rtspAuthStale, staleStyle(challenge)))
                observations.append(Observation(.rtspAuthAlgorithm, challenge.algorithm ?? "absent"))
                for name in ValueClassifier.digestExtensionParameters(challenge) {
                    observations.append(Observation(.rtspAuthExtension, name))
                }
            }
        }
        if !schemes.isEmpty { observations.append(Observation(.rtspAuthSchemeOrder, schemes.joined(separator: ","))) }
        return observations
    }

    private static func staleStyle(_ challenge: AuthenticateChallenge) -> String {
        guard let parameter = challenge.parameters.first(where: { $0.hasName("stale") }), let value = parameter.value
        else { return "absent" }
        let upper = value.uppercased() == value
        return (parameter.isQuoted ? "quoted-" : "unquoted-") + (upper ? "upper" : "lower")
    }

    private static func session(_ header: RTSPHeader) -> [Observation] {
        let session = SessionHeader(parsing: header.rawValue)
        let id = session.id
        let style: String
        if !id.isEmpty, id.allSatisfy(\.isNumber) {
            style = "decimal-\(id.count)"
        } else if ValueClassifier.isHex(id[...]), id.allSatisfy({ !$0.isLetter || $0.isUppercase }) {
            style = "hex-upper-\(id.count)"
        } else if ValueClassifier.isHex(id[...]), id.allSatisfy({ !$0.isLetter || $0.isLowercase }) {
            style = "hex-lower-\(id.count)"
        } else {
            style = "alnum-\(id.count)"
        }
        let raw = header.rawValue.lowercased()
        let timeout = raw.contains("; timeout") ? "space" : raw.contains(";timeout") ? "no-space" : "absent"
        return [
            Observation(.rtspSessionPadding, header.leadingWhitespaceCount > 1 ? "right-aligned" : "none"),
            Observation(.rtspSessionIdStyle, style),
            Observation(.rtspSessionTimeoutStyle, timeout),
        ]
    }

    /// `rtsp.transport.ssrc-format`.
    static func ssrcFormat(_ ssrc: SSRCValue) -> String {
        let digits = ssrc.text.filter { $0 != " " }
        let upper = digits.contains { $0.isLetter && $0.isUppercase && $0 != "X" }
        if ssrc.hasHexPrefix { return "0x-hex" }
        if ssrc.isDecimal { return "decimal" }
        if ssrc.leadingSpaceCount > 0 { return upper ? "space-padded-upper-hex" : "space-padded-lower-hex" }
        if ssrc.digitCount == 8 { return upper ? "8-upper-hex" : "8-lower-hex" }
        return ssrc.digitCount < 8 ? "short-hex" : "decimal"
    }

    /// Path and query of the URL the client asked for (first request), else of `Content-Base`.
    static func urlPath(_ conversation: RTSPConversation) -> String? {
        let candidates =
            conversation.requests.map(\.uri) + conversation.responses.compactMap { $0.headers.value("Content-Base") }
        for uri in candidates {
            guard let scheme = ASCII.firstRange(of: "://", in: uri[...]) else { continue }
            let rest = uri[scheme.upperBound...]
            guard let slash = rest.firstIndex(of: "/") else { continue }
            let path = String(rest[slash...])
            if path.count > 1 { return path }
        }
        return nil
    }
}

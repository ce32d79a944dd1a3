import CamprintWire

extension SDPOrigin {
    /// Tolerates usernames with spaces (`o=RTSP Session 1 2 IN IP4 …`), an extra field
    /// (TP-Link `o=- 14665860 31787219 1 IN IP4 …`), missing trailing fields (Uniview `o=- 1001 1 IN`)
    /// and `IP` for `IN` (Verint).
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> SDPOrigin {
        let tokens = ASCIIText.tokens(value)
        var origin = SDPOrigin(raw: value)
        guard !tokens.isEmpty else {
            quirks.append(Quirk("sdp.origin.empty", offset: offset))
            return origin
        }
        let isNetType = { (token: String) in
            ASCIIText.equalsIgnoringCase(token, "IN") || ASCIIText.equalsIgnoringCase(token, "IP")
        }
        if let netIndex = tokens.indices.first(where: { $0 >= 3 && isNetType(tokens[$0]) }) {
            origin.username = tokens[0..<(netIndex - 2)].joined(separator: " ")
            origin.sessionID = tokens[netIndex - 2]
            origin.sessionVersion = tokens[netIndex - 1]
            origin.netType = tokens[netIndex]
            origin.addrType = netIndex + 1 < tokens.count ? tokens[netIndex + 1] : nil
            origin.address = netIndex + 2 < tokens.count ? tokens[netIndex + 2] : nil
            if netIndex > 3 || tokens.count > netIndex + 3 {
                quirks.append(Quirk("sdp.origin.extra-fields", value, offset: offset))
            }
        } else {
            let field = { (index: Int) in index < tokens.count ? tokens[index] : nil }
            origin.username = field(0)
            origin.sessionID = field(1)
            origin.sessionVersion = field(2)
            origin.netType = field(3)
            origin.addrType = field(4)
            origin.address = field(5)
            if tokens.count > 6 { quirks.append(Quirk("sdp.origin.extra-fields", value, offset: offset)) }
            if origin.netType != nil {
                quirks.append(Quirk("sdp.origin.nettype-unknown", origin.netType ?? "", offset: offset))
            }
        }
        if origin.address == nil { quirks.append(Quirk("sdp.origin.incomplete", value, offset: offset)) }
        if let netType = origin.netType, ASCIIText.equalsIgnoringCase(netType, "IP") {
            quirks.append(Quirk("sdp.origin.nettype-ip", value, offset: offset))
        }
        if let addrType = origin.addrType, addrType != "IP4", addrType != "IP6" {
            quirks.append(Quirk("sdp.origin.addrtype-nonstandard", addrType, offset: offset))
        }
        for id in [origin.sessionID, origin.sessionVersion] {
            if let id, !id.utf8.allSatisfy(ASCII.isDigit) {
                quirks.append(Quirk("sdp.origin.not-numeric", id, offset: offset))
            }
        }
        return origin
    }
}

extension SDPConnection {
    /// Tolerates the HIK Media Server `c=IN c=IN IP4 0.0.0.0` and Uniview's `c=IN `.
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> SDPConnection {
        var tokens = ASCIIText.tokens(value)
        if tokens.count >= 2, tokens[1].hasPrefix("c=") {
            quirks.append(Quirk("sdp.connection.duplicated-nettype", value, offset: offset))
            tokens.removeFirst()
            tokens[0] = String(tokens[0].dropFirst(2))
        }
        let field = { (index: Int) in index < tokens.count ? tokens[index] : nil }
        let connection = SDPConnection(netType: field(0), addrType: field(1), address: field(2), raw: value)
        if tokens.count < 3 { quirks.append(Quirk("sdp.connection.incomplete", value, offset: offset)) }
        if tokens.count > 3 { quirks.append(Quirk("sdp.connection.extra-fields", value, offset: offset)) }
        if let netType = connection.netType, netType != "IN" {
            quirks.append(Quirk("sdp.connection.nettype-unknown", netType, offset: offset))
        }
        if let addrType = connection.addrType, addrType != "IP4", addrType != "IP6" {
            quirks.append(Quirk("sdp.connection.addrtype-nonstandard", addrType, offset: offset))
        }
        return connection
    }
}

extension SDPBandwidth {
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> SDPBandwidth {
        let (type, number) = ASCIIText.split(ASCIIText.trimmed(value), at: UInt8(ascii: ":"))
        let parsed = number.flatMap { ASCIIText.decimal(ASCIIText.trimmed($0), maxDigits: 12) }
        if parsed == nil { quirks.append(Quirk("sdp.bandwidth.malformed", value, offset: offset)) }
        return SDPBandwidth(type: type, value: parsed, raw: value)
    }
}

extension SDPTiming {
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> SDPTiming {
        let tokens = ASCIIText.tokens(value)
        let timing = SDPTiming(startTime: tokens.first ?? "", stopTime: tokens.count > 1 ? tokens[1] : nil, raw: value)
        let numeric = tokens.allSatisfy { $0.utf8.allSatisfy(ASCII.isDigit) }
        if tokens.count != 2 || !numeric { quirks.append(Quirk("sdp.timing.invalid", value, offset: offset)) }
        return timing
    }
}

extension SDPMediaLine {
    /// Tolerates non-numeric formats (TP-Link `smart/1/90000`) and media types with a slash.
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> SDPMediaLine {
        let tokens = ASCIIText.tokens(value)
        let media = tokens.first ?? ""
        var port: Int?
        var numberOfPorts: Int?
        if tokens.count > 1 {
            let (portText, countText) = ASCIIText.split(tokens[1], at: UInt8(ascii: "/"))
            port = ASCIIText.decimal(portText, maxDigits: 5)
            numberOfPorts = countText.flatMap { ASCIIText.decimal($0, maxDigits: 5) }
            if port == nil || (countText != nil && numberOfPorts == nil) {
                quirks.append(Quirk("sdp.media.invalid-port", tokens[1], offset: offset))
            }
        }
        let formats = Array(tokens.dropFirst(3))
        if tokens.count < 4 { quirks.append(Quirk("sdp.media.incomplete", value, offset: offset)) }
        if media.utf8.contains(UInt8(ascii: "/")) {
            quirks.append(Quirk("sdp.media.nonstandard-type", media, offset: offset))
        }
        for format in formats where ASCIIText.decimal(format, maxDigits: 3) == nil {
            quirks.append(Quirk("sdp.media.non-numeric-format", format, offset: offset))
        }
        return SDPMediaLine(
            media: media,
            port: port,
            numberOfPorts: numberOfPorts,
            proto: tokens.count > 2 ? tokens[2] : nil,
            formats: formats,
            raw: value
        )
    }
}

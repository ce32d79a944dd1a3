import CamprintWire

/// Builds a ``SessionDescription`` from lines: sections, typed fields, quirks (RFC 8866 §5).
struct SDPParser {
    let limits: SDPLimits
    private var quirks: [Quirk] = []

    init(limits: SDPLimits) {
        self.limits = limits
    }

    /// RFC 8866 §5 field order at session level (`t`/`r` pairs may repeat).
    private static let sessionOrder: [String: Int] = [
        "v": 0, "o": 1, "s": 2, "i": 3, "u": 4, "e": 5, "p": 6, "c": 7, "b": 8, "t": 9, "r": 10, "z": 11,
        "k": 12, "a": 13,
    ]
    /// RFC 8866 §5 field order inside a media section.
    private static let mediaOrder: [String: Int] = ["m": 0, "i": 1, "c": 2, "b": 3, "k": 4, "a": 5]

    mutating func parse(_ bytes: [UInt8]) throws(SDPParseError) -> SessionDescription {
        let lines = try SDPLineSplitter.lines(of: bytes, limits: limits)
        guard lines.contains(where: { !$0.valueBytes.allSatisfy(ASCII.isSpace) || $0.type != nil }) else {
            throw SDPParseError(.empty, offset: 0)
        }
        guard let firstTyped = lines.first(where: { Self.isFieldType($0.type) }) else {
            let first = lines.first { !$0.valueBytes.allSatisfy(ASCII.isSpace) || $0.type != nil }
            throw SDPParseError(.notSDP, offset: first?.offset ?? 0, excerpt: Excerpt.make(first?.bytes ?? []))
        }
        recordLineEndings(lines)
        if firstTyped.type != "v" {
            quirks.append(Quirk("sdp.version.not-first", firstTyped.type ?? "", offset: firstTyped.offset))
        }

        var session = SessionDescription()
        var current: MediaDescription?
        var lastRank = -1
        for line in lines {
            if line.type == "m" {
                if let finished = current { session.media.append(finished) }
                guard session.media.count < limits.maxMediaSections else {
                    throw SDPParseError(.tooManyMediaSections, offset: line.offset, excerpt: Excerpt.make(line.bytes))
                }
                current = MediaDescription(lines: [line], media: mediaLine(line))
                lastRank = 0
                recordTrailingWhitespace(line)
                continue
            }
            if current != nil {
                current?.lines.append(line)
            } else {
                session.sessionLines.append(line)
            }
            guard let type = line.type else {
                let code =
                    if line.valueBytes.allSatisfy(ASCII.isSpace) {
                        "sdp.line.blank"
                    } else if line.valueBytes.contains(UInt8(ascii: "=")) {
                        "sdp.line.invalid-type"  // `=` preceded by nothing usable as a type (`=x`, ` a=x`)
                    } else {
                        "sdp.line.no-equals"
                    }
                quirks.append(Quirk(code, line.value, offset: line.offset))
                continue
            }
            guard Self.isFieldType(type) else {
                quirks.append(Quirk("sdp.line.invalid-type", type, offset: line.offset))
                continue
            }
            checkOrder(type, line: line, inMedia: current != nil, lastRank: &lastRank)
            recordTrailingWhitespace(line)
            if current != nil {
                try mediaField(line, type: type, into: &current)
            } else {
                try sessionField(line, type: type, into: &session)
            }
        }
        if let finished = current { session.media.append(finished) }
        checkRequiredFields(session)
        session.quirks = quirks
        return session
    }

    private static func isFieldType(_ type: String?) -> Bool {
        guard let type, type.utf8.count == 1, let byte = type.utf8.first else { return false }
        return byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    // MARK: Fields

    private mutating func sessionField(
        _ line: SDPLine,
        type: String,
        into session: inout SessionDescription
    ) throws(SDPParseError) {
        let value = line.value
        switch type {
        case "v":
            guard session.version == nil else { return duplicated(line) }
            session.version = ASCIIText.decimal(ASCIIText.trimmed(value), maxDigits: 9)
            if session.version != 0 { quirks.append(Quirk("sdp.version.unexpected", value, offset: line.offset)) }
        case "o":
            guard session.origin == nil else { return duplicated(line) }
            session.origin = SDPOrigin.parse(value, offset: line.offset, quirks: &quirks)
        case "s":
            guard session.sessionName == nil else { return duplicated(line) }
            session.sessionName = value
            if ASCIIText.trimmed(value).isEmpty {
                quirks.append(Quirk("sdp.session-name.empty", offset: line.offset))
            }
        case "i":
            guard session.information == nil else { return duplicated(line) }
            session.information = value
        case "u":
            guard session.uri == nil else { return duplicated(line) }
            session.uri = ASCIIText.trimmed(value)
        case "e": session.emails.append(ASCIIText.trimmed(value))
        case "p": session.phones.append(ASCIIText.trimmed(value))
        case "c":
            guard session.connection == nil else { return duplicated(line) }
            session.connection = SDPConnection.parse(value, offset: line.offset, quirks: &quirks)
        case "b": session.bandwidths.append(SDPBandwidth.parse(value, offset: line.offset, quirks: &quirks))
        case "t": session.timings.append(SDPTiming.parse(value, offset: line.offset, quirks: &quirks))
        case "a": try session.attributes.add(line, limits: limits, quirks: &quirks)
        case "r", "z", "k": break
        default: quirks.append(Quirk("sdp.line.unknown-type", type, offset: line.offset))
        }
    }

    private mutating func mediaField(
        _ line: SDPLine,
        type: String,
        into media: inout MediaDescription?
    ) throws(SDPParseError) {
        guard var section = media else { return }
        let value = line.value
        switch type {
        case "i":
            if section.information == nil { section.information = value } else { duplicated(line) }
        case "c": section.connections.append(SDPConnection.parse(value, offset: line.offset, quirks: &quirks))
        case "b": section.bandwidths.append(SDPBandwidth.parse(value, offset: line.offset, quirks: &quirks))
        case "a": try section.attributes.add(line, limits: limits, quirks: &quirks)
        case "k": break
        default: quirks.append(Quirk("sdp.media.session-field", type + "=", offset: line.offset))
        }
        media = section
    }

    private mutating func mediaLine(_ line: SDPLine) -> SDPMediaLine {
        SDPMediaLine.parse(line.value, offset: line.offset, quirks: &quirks)
    }

    // MARK: Checks

    private mutating func duplicated(_ line: SDPLine) {
        quirks.append(Quirk("sdp.line.duplicated", (line.type ?? "") + "=", offset: line.offset))
    }

    private mutating func checkOrder(_ type: String, line: SDPLine, inMedia: Bool, lastRank: inout Int) {
        let order = inMedia ? Self.mediaOrder : Self.sessionOrder
        guard let rank = order[type] else { return }
        let repeatsTiming = !inMedia && type == "t" && lastRank == 10
        if rank < lastRank, !repeatsTiming {
            let previous = order.first { $0.value == lastRank }?.key ?? "?"
            let code = inMedia ? "sdp.order.media" : "sdp.order.session"
            quirks.append(Quirk(code, "\(type)= after \(previous)=", offset: line.offset))
        }
        lastRank = rank
    }

    private mutating func checkRequiredFields(_ session: SessionDescription) {
        if session.version == nil, !session.sessionLines.contains(where: { $0.type == "v" }) {
            quirks.append(Quirk("sdp.version.missing"))
        }
        if session.origin == nil { quirks.append(Quirk("sdp.origin.missing")) }
        if session.sessionName == nil { quirks.append(Quirk("sdp.session-name.missing")) }
        if session.timings.isEmpty { quirks.append(Quirk("sdp.timing.missing")) }
    }

    private mutating func recordTrailingWhitespace(_ line: SDPLine) {
        guard let type = line.type, let last = line.valueBytes.last, ASCII.isSpace(last) else { return }
        let field: String
        switch type {
        case "a":
            let name = ASCIIText.split(line.value, at: UInt8(ascii: ":")).0.lowercased()
            field = ["rtpmap", "fmtp", "control"].contains(name) ? name : "attribute"
        case "v": field = "version"
        case "o": field = "origin"
        case "s": field = "session-name"
        case "c": field = "connection"
        case "m": field = "media"
        case "t": field = "timing"
        case "b": field = "bandwidth"
        default: field = "line"
        }
        quirks.append(Quirk("sdp.\(field).trailing-whitespace", line.value, offset: line.offset))
    }

    private mutating func recordLineEndings(_ lines: [SDPLine]) {
        let endings = Set(lines.compactMap(\.ending))
        if endings.count > 1 {
            let first = lines.first { $0.ending != lines.first?.ending }
            quirks.append(
                Quirk(
                    "sdp.line-ending.mixed",
                    endings.map(\.rawValue).sorted().joined(separator: "+"),
                    offset: first?.offset
                )
            )
        } else if endings == [.lf] {
            quirks.append(Quirk("sdp.line-ending.lf"))
        } else if endings == [.cr] {
            quirks.append(Quirk("sdp.line-ending.cr"))
        }
    }
}

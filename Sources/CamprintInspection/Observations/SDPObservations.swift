import CamprintCodecs
import CamprintSDP
import CamprintSignatures
import CamprintWire

/// Session descriptions and IMKH media headers → observations (docs/field-keys.md, `sdp.*`).
enum SDPObservations {
    /// Origin ids that are constants of an SDK rather than a clock (docs/signals.md §2.3, §2.5).
    static let constantOriginIDs: Set<String> = ["1109162014219182", "2252542845", "38990265062388", "1001"]

    static func extract(_ description: SessionDescription) -> [Observation] {
        var observations: [Observation] = []
        if let origin = description.origin {
            if let username = origin.username { observations.append(Observation(.sdpOriginUsername, username)) }
            if let id = origin.sessionID {
                observations.append(Observation(.sdpOriginSessionId, id))
                observations.append(Observation(.sdpOriginStyle, originStyle(id: id, version: origin.sessionVersion)))
            }
        }
        if let name = description.sessionName?.trimmingSpaces {
            observations.append(Observation(.sdpSessionName, name))
        }
        if let info = description.information?.trimmingSpaces {
            observations.append(Observation(.sdpSessionInfo, info))
        }
        if let uri = description.uri { observations.append(Observation(.sdpUri, uri.trimmingSpaces)) }
        for email in description.emails { observations.append(Observation(.sdpEmail, email.trimmingSpaces)) }
        for bandwidth in description.bandwidths {
            observations.append(Observation(.sdpBandwidthSession, bandwidthText(bandwidth)))
        }
        observations += attributes(description.attributes)
        for media in description.media {
            observations += attributes(media.attributes)
            observations += codecs(media)
            if let control = media.attributes.control {
                observations.append(Observation(.sdpControl, strippedControl(control)))
            }
        }
        for quirk in description.quirks { observations.append(.quirk(quirk.code, channel: .sdp)) }
        return observations
    }

    static func extract(imkh headers: [IMKHMediaHeader]) -> [Observation] {
        headers.flatMap { header in
            [
                Observation(.sdpIMKHPresent, "true"),
                Observation(.sdpIMKHMediaVersion, ValueClassifier.hex16(header.mediaVersion)),
                Observation(.sdpIMKHSystemFormat, ValueClassifier.hex16(header.systemFormat)),
                Observation(.sdpIMKHVideoFormat, ValueClassifier.hex16(header.videoFormat)),
                Observation(.sdpIMKHAudioFormat, ValueClassifier.hex16(header.audioFormat)),
                Observation(.sdpIMKHReserved, ValueClassifier.hex32(header.reserved.first ?? 0)),
            ]
        }
    }

    static func originStyle(id: String, version: String?) -> String {
        if constantOriginIDs.contains(id) { return "constant" }
        let numeric = !id.isEmpty && id.allSatisfy(\.isNumber)
        if numeric, id.count == 16 {
            if version == id { return "usec-twice" }
            if version == "1" { return "usec-one" }
        }
        if numeric, id.count <= 10 { return "small" }
        return "other"
    }

    private static func bandwidthText(_ bandwidth: SDPBandwidth) -> String {
        bandwidth.value.map { "\(bandwidth.type):\($0)" } ?? bandwidth.raw.trimmingSpaces
    }

    nonisolated(unsafe) private static let rtspAuthority = /(?i)rtsp:\/\/[^\/]*\/?/

    private static func strippedControl(_ control: String) -> String {
        guard let match = control.prefixMatch(of: rtspAuthority) else { return control }
        return String(control[match.range.upperBound...])
    }

    private static func attributes(_ attributes: SDPAttributes) -> [Observation] {
        var observations: [Observation] = []
        for attribute in attributes.all {
            observations.append(Observation(.sdpAttributeName, attribute.name))
            let lower = attribute.name.lowercased()
            if lower.count <= 64,
                lower.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "_" }),
                let value = attribute.value
            {
                observations.append(Observation(.sdpAttribute(lower), value.trimmingSpaces))
            }
        }
        if let tool = attributes.tool { observations.append(Observation(.sdpTool, tool.trimmingSpaces)) }
        if let version = attributes.appVersion {
            observations.append(Observation(.sdpAppversion, version.trimmingSpaces))
        }
        if let dimensions = attributes.dimensions {
            observations.append(Observation(.sdpXDimensionsStyle, dimensions.raw.contains(" ") ? "spaces" : "no-space"))
        }
        for map in attributes.rtpMaps {
            var encoding = map.encodingName
            if let clock = map.clockRate { encoding += "/\(clock)" }
            if let parameters = map.encodingParameters { encoding += "/\(parameters)" }
            observations.append(Observation(.sdpRtpmapEncoding, encoding))
        }
        return observations
    }

    private static func codecs(_ media: MediaDescription) -> [Observation] {
        var observations: [Observation] = []
        if let h264 = media.h264() {
            let parameters = fmtpParameters(media, format: h264.format)
            if let profile = h264.profileLevelID {
                observations.append(Observation(.sdpFmtpProfileLevelId, profile.raw))
                let comparison =
                    h264.quirks.contains { $0.code == "sdp.fmtp.profile-level-id-mismatch" }
                    ? "mismatch" : h264.sequenceParameterSet == nil ? "no-sps" : "match"
                observations.append(Observation(.sdpFmtpProfileLevelIdVsSps, comparison))
                if let sps = h264.sequenceParameterSet?.bytes, sps.count >= 4 {
                    let actual = sps[1...3].map { ValueClassifier.hex8($0).dropFirst(2) }.joined()
                    observations.append(
                        Observation(.sdpFmtpProfileLevelIdDeclaredVsSps, "\(profile.description)/\(actual)")
                    )
                    if let parameters, isTemplateLine(parameters) {
                        observations.append(
                            Observation(.sdpFmtpTemplateDeclaredVsSps, "\(profile.description)/\(actual)")
                        )
                    }
                }
            }
            if let parameters, let template = templateWithoutSets(parameters) {
                observations.append(Observation(.sdpFmtpTemplateDeclaredVsSps, template))
            }
            if let parameters, let style = fmtpStyle(parameters) {
                observations.append(Observation(.sdpFmtpStyle, style))
            }
        }
        if let h265 = media.h265() {
            let style: String
            if h265.quirks.contains(where: { $0.code == "sdp.h265.no-fmtp" }) {
                style = "absent"
            } else if !h265.spropVPS.isEmpty || !h265.spropSPS.isEmpty || !h265.spropPPS.isEmpty {
                style = "sprop"
            } else if h265.quirks.contains(where: { $0.code == "sdp.h265.h264-style-keys" }) {
                style = "h264-style"
            } else {
                style = "other"
            }
            let parameters = fmtpParameters(media, format: h265.format)
            if style == "h264-style", let parameters, let template = templateWithoutSets(parameters) {
                // The empty template line counts once, as the template: `h264-template` names it.
                observations.append(Observation(.sdpH265Fmtp, "h264-template"))
                observations.append(Observation(.sdpFmtpTemplateDeclaredVsSps, template))
            } else {
                observations.append(Observation(.sdpH265Fmtp, style))
            }
            if let parameters, let fmtp = fmtpStyle(parameters) {
                observations.append(Observation(.sdpFmtpStyle, fmtp))
            }
        }
        return observations
    }

    /// Whether the raw H.264 `a=fmtp` value is written as a fixed template line: `profile-level-id=`
    /// first and every parameter separator `; ` (`profile-level-id=420029; packetization-mode=1;
    /// sprop-parameter-sets=…`), the way an SDP generator prints a constant string rather than the
    /// stream's parameters (docs/signals.md §2.2).
    private static func isTemplateLine(_ parameters: Substring) -> Bool {
        parameters.lowercased().hasPrefix("profile-level-id=") && fmtpStyle(parameters) == "semicolon-space"
    }

    /// The parameters of the raw `a=fmtp` line for `format` (what follows `a=fmtp:<format> `).
    private static func fmtpParameters(_ media: MediaDescription, format: String) -> Substring? {
        guard
            let value = media.attributes.all.first(where: {
                $0.name.lowercased() == "fmtp" && ($0.value ?? "").hasPrefix(format + " ")
            })?.value
        else { return nil }
        return value.dropFirst(format.count + 1)
    }

    /// `<PROFILE>/none` when the template line (``isTemplateLine(_:)``) is printed with an
    /// empty `sprop-parameter-sets=`: the generator wrote its constant line before it had a
    /// parameter set to put in it, for H.264 and, with the same H.264 keys, for H.265
    /// (docs/signals.md §2.2).
    private static func templateWithoutSets(_ parameters: Substring) -> String? {
        guard isTemplateLine(parameters) else { return nil }
        var profile: Substring?
        var setsEmpty = false
        for parameter in parameters.split(separator: ";") {
            let pair = parameter.trimmingPrefix(" ")
            if pair.lowercased().hasPrefix("profile-level-id=") {
                profile = pair.dropFirst("profile-level-id=".count)
            } else if pair.lowercased().hasPrefix("sprop-parameter-sets=") {
                setsEmpty = pair.dropFirst("sprop-parameter-sets=".count).allSatisfy { $0 == " " || $0 == "\r" }
            }
        }
        guard setsEmpty, let profile, profile.count == 6, profile.allSatisfy(\.isHexDigit) else { return nil }
        return profile.uppercased() + "/none"
    }

    /// `semicolon-space`, `semicolon` or `mixed`, from the separators of the raw `a=fmtp` value.
    private static func fmtpStyle(_ parameters: Substring) -> String? {
        var spaced = 0
        var tight = 0
        var index = parameters.startIndex
        while let semicolon = parameters[index...].firstIndex(of: ";") {
            let next = parameters.index(after: semicolon)
            guard next < parameters.endIndex else { break }  // a trailing `;` says nothing
            if parameters[next] == " " { spaced += 1 } else { tight += 1 }
            index = next
        }
        if spaced == 0, tight == 0 { return nil }
        return spaced > 0 && tight > 0 ? "mixed" : spaced > 0 ? "semicolon-space" : "semicolon"
    }
}

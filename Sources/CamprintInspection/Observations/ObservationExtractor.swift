import CamprintRTSP
public import CamprintSignatures
import Foundation

/// The ONE place that turns parsed artefacts into ``Observation``s, with exactly the keys of
/// docs/field-keys.md. One file per channel (`RTSPObservations`, `SDPObservations`, …).
public enum ObservationExtractor {
    /// Every observation in `evidence`, in channel order, without exact duplicates.
    public static func observations(from evidence: ParsedEvidence) -> [Observation] {
        var all: [Observation] = []
        if let conversation = evidence.rtsp {
            let rtsp = RTSPObservations.extract(conversation)
            all +=
                evidence.layoutNormalised == nil ? rtsp : rtsp.filter { !LayoutCheck.isLayoutField($0.field.rawValue) }
        }
        all += looseRealmObservations(evidence)
        all += looseServerObservations(evidence)
        for description in evidence.sdp { all += SDPObservations.extract(description) }
        all += SDPObservations.extract(imkh: evidence.imkh)
        all += BitstreamObservations.extract(evidence)
        all += HTTPObservations.extract(evidence.http.filter { !SSDPObservations.isSSDP($0) })
        all += SSDPObservations.extract(evidence.http.filter(SSDPObservations.isSSDP))
        all += SSDPObservations.extract(looseFields: evidence.looseFields)
        for document in evidence.devices {
            switch document.kind {
            case .isapiDeviceInfo, .isapiDocument: all += ISAPIObservations.extract(document)
            case .onvifDeviceInformation, .wsDiscoveryProbeMatch, .onvifEnvelope:
                all += ONVIFObservations.extract(document)
            case .sadpProbeMatch: all += SADPObservations.extract(document)
            case .upnpDeviceDescription: all += UPnPObservations.extract(document)
            case .dhipDeviceInfo: all += DHIPObservations.extract(document)
            case .dahuaCGI: all += DahuaCGIObservations.extract(document)
            }
        }
        all += macObservations(evidence)
        all += textIdentifierObservations(evidence, besides: all)
        var seen: Set<String> = []
        return all.filter { seen.insert($0.field.rawValue + "\u{0}" + $0.value).inserted }
    }

    /// Field names that hold a device's MAC address in any document (ISAPI `macAddress`, SADP
    /// `MAC`, ONVIF `HwAddress`, dumps).
    static let macFieldNames: Set<String> = ["mac", "macaddress", "hwaddress", "hwaddr", "mac_address", "ethaddr"]
    /// Field names whose value is a UUID that may be version 1 (node = MAC).
    static let uuidFieldNames: Set<String> = ["deviceid", "address", "endpointreference", "uuid", "urn"]

    /// MACs from every place a device states one: MAC fields of any document, version-1 UUIDs in
    /// deviceID and endpoint fields, `/MAC/` ONVIF scopes, and version-1 UUIDs in free text.
    static func macObservations(_ evidence: ParsedEvidence) -> [Observation] {
        var macs: [String] = []
        for document in evidence.devices {
            for field in document.fields {
                let name = field.name.lowercased()
                if macFieldNames.contains(name), let mac = ValueClassifier.normalizedMAC(field.value) {
                    macs.append(mac)
                } else if uuidFieldNames.contains(name), let mac = ValueClassifier.macFromUUID(field.value) {
                    macs.append(mac)
                } else if name == "scopes" {
                    for scope in field.value.split(whereSeparator: \.isWhitespace) {
                        let lower = scope.lowercased()
                        if let range = lower.range(of: "/mac/"),
                            let mac = ValueClassifier.normalizedMAC(
                                String(lower[range.upperBound...]).removingPercentEncodingSafe
                            )
                        {
                            macs.append(mac)
                        }
                    }
                }
            }
        }
        macs += evidence.textMACs
        var seen: Set<String> = []
        return macs.filter { seen.insert($0).inserted }.prefix(16).flatMap { MACObservations.extract($0) }
    }

    /// Keys that name a web server's `Server` header in tool output (nmap's `http-server-header`)
    /// or dumps, read when the text held no HTTP response.
    static let serverFieldNames: Set<String> = ["server", "http-server-header", "httpserver", "webserver"]

    static func looseServerObservations(_ evidence: ParsedEvidence) -> [Observation] {
        guard evidence.http.isEmpty, !SSDPObservations.isSSDP(looseFields: evidence.looseFields) else { return [] }
        return evidence.looseFields.filter { serverFieldNames.contains($0.name.lowercased()) }.prefix(4).map {
            Observation(.httpHeader("server"), $0.value)
        }
    }

    /// Model and serial numbers found in free text (``TextIdentifiers``), except those a field
    /// reader already gave as (part of) a value: one statement counts once.
    static func textIdentifierObservations(_ evidence: ParsedEvidence, besides observations: [Observation])
        -> [Observation]
    {
        let read = observations.map(\.value)
        let serials = evidence.textSerialNumbers.filter { serial in !read.contains { $0.contains(serial) } }
        let models = evidence.textModels.filter { model in
            !read.contains { $0.contains(model) } && !serials.contains { $0.hasPrefix(model) }
        }
        return serials.prefix(4).map { Observation(.textSerialNumber, $0) }
            + models.prefix(4).map { Observation(.textModel, $0) }
    }

    /// `realm="…"` in text that no RTSP or HTTP response held (a header quoted in code, a log
    /// line, or the realm a client echoes in `Authorization:` when its log cut the challenge): the
    /// realm as the protocol the text names would carry it.
    static func looseRealmObservations(_ evidence: ParsedEvidence) -> [Observation] {
        let challenged =
            evidence.rtsp?.responses.contains { response in
                response.headers.contains {
                    $0.name.lowercased() == "www-authenticate" && $0.value.lowercased().contains("realm=")
                }
            } ?? false
        guard !challenged, evidence.http.isEmpty else { return [] }
        var observations: [Observation] = []
        // A quoted challenge is HTTP's when the text names only http:// URLs, when it offers
        // `qop`, or when its nonce is the Hikvision web server's hex-of-base64 construction.
        let http =
            evidence.textNamesHTTPOnly || evidence.textChallengeHasQop
            || evidence.textNonces.contains(where: ValueClassifier.isHexOfBase64)
        if http {
            for nonce in evidence.textNonces.prefix(4) {
                observations.append(Observation(.httpAuthNonceStyle, ValueClassifier.nonceStyle(nonce, http: true)))
            }
        }
        for realm in evidence.textRealms.prefix(4) {
            observations.append(Observation(http ? .httpAuthRealm : .rtspAuthRealm, realm))
            if !http { observations.append(Observation(.rtspAuthRealmFormat, ValueClassifier.realmFormat(realm))) }
            if let mac = ValueClassifier.macFromRealm(realm) { observations += MACObservations.extract(mac) }
        }
        return observations
    }
}

extension String {
    /// `%3A` → `:` for the few escapes MACs in scopes carry; other text unchanged.
    var removingPercentEncodingSafe: String {
        replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%3a", with: ":")
            .replacingOccurrences(of: "%2D", with: "-").replacingOccurrences(of: "%2d", with: "-")
    }
}

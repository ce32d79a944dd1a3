/// The field-key vocabulary: every `(channel, field key)` an observation can carry.
///
/// This file and `docs/field-keys.md` are the ONE table of field keys; a test checks that both
/// list the same keys. Keys are lowercase, dotted, with `-` inside words. A key written with a
/// `<placeholder>` (`rtsp.header.<name>`) is a template: any lowercase token may replace the
/// placeholder. Signatures match fields, never raw messages (DESIGN.md, Pipeline).
public struct FieldKey: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: FieldKey, rhs: FieldKey) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// `rtsp.server.absent` (see docs/field-keys.md).
    public static let rtspServerAbsent = FieldKey("rtsp.server.absent")
    /// `rtsp.auth.realm` (see docs/field-keys.md).
    public static let rtspAuthRealm = FieldKey("rtsp.auth.realm")
    /// `rtsp.auth.realm-format` (see docs/field-keys.md).
    public static let rtspAuthRealmFormat = FieldKey("rtsp.auth.realm-format")
    /// `rtsp.auth.scheme-order` (see docs/field-keys.md).
    public static let rtspAuthSchemeOrder = FieldKey("rtsp.auth.scheme-order")
    /// `rtsp.auth.nonce-style` (see docs/field-keys.md).
    public static let rtspAuthNonceStyle = FieldKey("rtsp.auth.nonce-style")
    /// `rtsp.auth.stale` (see docs/field-keys.md).
    public static let rtspAuthStale = FieldKey("rtsp.auth.stale")
    /// `rtsp.auth.algorithm` (see docs/field-keys.md).
    public static let rtspAuthAlgorithm = FieldKey("rtsp.auth.algorithm")
    /// `rtsp.date.layout` (see docs/field-keys.md).
    public static let rtspDateLayout = FieldKey("rtsp.date.layout")
    /// `rtsp.date.double-space` (see docs/field-keys.md).
    public static let rtspDateDoubleSpace = FieldKey("rtsp.date.double-space")
    /// `rtsp.date.position` (see docs/field-keys.md).
    public static let rtspDatePosition = FieldKey("rtsp.date.position")
    /// `rtsp.session.padding` (see docs/field-keys.md).
    public static let rtspSessionPadding = FieldKey("rtsp.session.padding")
    /// `rtsp.session.id-style` (see docs/field-keys.md).
    public static let rtspSessionIdStyle = FieldKey("rtsp.session.id-style")
    /// `rtsp.session.timeout-style` (see docs/field-keys.md).
    public static let rtspSessionTimeoutStyle = FieldKey("rtsp.session.timeout-style")
    /// `rtsp.public` (see docs/field-keys.md).
    public static let rtspPublic = FieldKey("rtsp.public")
    /// `rtsp.public.order` (see docs/field-keys.md).
    public static let rtspPublicOrder = FieldKey("rtsp.public.order")
    /// `rtsp.transport.ssrc-format` (see docs/field-keys.md).
    public static let rtspTransportSsrcFormat = FieldKey("rtsp.transport.ssrc-format")
    /// `rtsp.transport.mode` (see docs/field-keys.md).
    public static let rtspTransportMode = FieldKey("rtsp.transport.mode")
    /// `rtsp.url.path` (see docs/field-keys.md).
    public static let rtspUrlPath = FieldKey("rtsp.url.path")
    /// `rtsp.quirk` (see docs/field-keys.md).
    public static let rtspQuirk = FieldKey("rtsp.quirk")
    /// `sdp.origin.username` (see docs/field-keys.md).
    public static let sdpOriginUsername = FieldKey("sdp.origin.username")
    /// `sdp.origin.session-id` (see docs/field-keys.md).
    public static let sdpOriginSessionId = FieldKey("sdp.origin.session-id")
    /// `sdp.origin.style` (see docs/field-keys.md).
    public static let sdpOriginStyle = FieldKey("sdp.origin.style")
    /// `sdp.session-name` (see docs/field-keys.md).
    public static let sdpSessionName = FieldKey("sdp.session-name")
    /// `sdp.session-info` (see docs/field-keys.md).
    public static let sdpSessionInfo = FieldKey("sdp.session-info")
    /// `sdp.uri` (see docs/field-keys.md).
    public static let sdpUri = FieldKey("sdp.uri")
    /// `sdp.email` (see docs/field-keys.md).
    public static let sdpEmail = FieldKey("sdp.email")
    /// `sdp.tool` (see docs/field-keys.md).
    public static let sdpTool = FieldKey("sdp.tool")
    /// `sdp.appversion` (see docs/field-keys.md).
    public static let sdpAppversion = FieldKey("sdp.appversion")
    /// `sdp.attribute-name` (see docs/field-keys.md).
    public static let sdpAttributeName = FieldKey("sdp.attribute-name")
    /// `sdp.x-dimensions.style` (see docs/field-keys.md).
    public static let sdpXDimensionsStyle = FieldKey("sdp.x-dimensions.style")
    /// `sdp.fmtp.style` (see docs/field-keys.md).
    public static let sdpFmtpStyle = FieldKey("sdp.fmtp.style")
    /// `sdp.fmtp.profile-level-id` (see docs/field-keys.md).
    public static let sdpFmtpProfileLevelId = FieldKey("sdp.fmtp.profile-level-id")
    /// `sdp.fmtp.profile-level-id-vs-sps` (see docs/field-keys.md).
    public static let sdpFmtpProfileLevelIdVsSps = FieldKey("sdp.fmtp.profile-level-id-vs-sps")
    /// `sdp.fmtp.profile-level-id-declared-vs-sps` (see docs/field-keys.md).
    public static let sdpFmtpProfileLevelIdDeclaredVsSps = FieldKey("sdp.fmtp.profile-level-id-declared-vs-sps")
    /// `sdp.fmtp.template-declared-vs-sps` (see docs/field-keys.md).
    public static let sdpFmtpTemplateDeclaredVsSps = FieldKey("sdp.fmtp.template-declared-vs-sps")
    /// `sdp.h265.fmtp` (see docs/field-keys.md).
    public static let sdpH265Fmtp = FieldKey("sdp.h265.fmtp")
    /// `sdp.rtpmap.encoding` (see docs/field-keys.md).
    public static let sdpRtpmapEncoding = FieldKey("sdp.rtpmap.encoding")
    /// `sdp.control` (see docs/field-keys.md).
    public static let sdpControl = FieldKey("sdp.control")
    /// `sdp.bandwidth.session` (see docs/field-keys.md).
    public static let sdpBandwidthSession = FieldKey("sdp.bandwidth.session")
    /// `sdp.imkh.present` (see docs/field-keys.md).
    public static let sdpIMKHPresent = FieldKey("sdp.imkh.present")
    /// `sdp.imkh.media-version` (see docs/field-keys.md).
    public static let sdpIMKHMediaVersion = FieldKey("sdp.imkh.media-version")
    /// `sdp.imkh.system-format` (see docs/field-keys.md).
    public static let sdpIMKHSystemFormat = FieldKey("sdp.imkh.system-format")
    /// `sdp.imkh.video-format` (see docs/field-keys.md).
    public static let sdpIMKHVideoFormat = FieldKey("sdp.imkh.video-format")
    /// `sdp.imkh.audio-format` (see docs/field-keys.md).
    public static let sdpIMKHAudioFormat = FieldKey("sdp.imkh.audio-format")
    /// `sdp.imkh.reserved` (see docs/field-keys.md).
    public static let sdpIMKHReserved = FieldKey("sdp.imkh.reserved")
    /// `sdp.quirk` (see docs/field-keys.md).
    public static let sdpQuirk = FieldKey("sdp.quirk")
    /// `h264.sps.profile` (see docs/field-keys.md).
    public static let h264SpsProfile = FieldKey("h264.sps.profile")
    /// `h264.sps.level` (see docs/field-keys.md).
    public static let h264SpsLevel = FieldKey("h264.sps.level")
    /// `h264.sps.constraint-flags` (see docs/field-keys.md).
    public static let h264SpsConstraintFlags = FieldKey("h264.sps.constraint-flags")
    /// `h264.sps.poc-type` (see docs/field-keys.md).
    public static let h264SpsPocType = FieldKey("h264.sps.poc-type")
    /// `h264.vui.aspect-ratio` (see docs/field-keys.md).
    public static let h264VuiAspectRatio = FieldKey("h264.vui.aspect-ratio")
    /// `h264.vui.full-range` (see docs/field-keys.md).
    public static let h264VuiFullRange = FieldKey("h264.vui.full-range")
    /// `h264.vui.timing` (see docs/field-keys.md).
    public static let h264VuiTiming = FieldKey("h264.vui.timing")
    /// `h264.vui.fixed-frame-rate` (see docs/field-keys.md).
    public static let h264VuiFixedFrameRate = FieldKey("h264.vui.fixed-frame-rate")
    /// `h264.vui.hrd` (see docs/field-keys.md).
    public static let h264VuiHrd = FieldKey("h264.vui.hrd")
    /// `h265.sps.profile` (see docs/field-keys.md).
    public static let h265SpsProfile = FieldKey("h265.sps.profile")
    /// `h265.sps.level` (see docs/field-keys.md).
    public static let h265SpsLevel = FieldKey("h265.sps.level")
    /// `h265.nal.reserved-type` (see docs/field-keys.md).
    public static let h265NalReservedType = FieldKey("h265.nal.reserved-type")
    /// `rtcp.cname` (see docs/field-keys.md).
    public static let rtcpCname = FieldKey("rtcp.cname")
    /// `sei.payload-type` (see docs/field-keys.md).
    public static let seiPayloadType = FieldKey("sei.payload-type")
    /// `sei.uuid` (see docs/field-keys.md).
    public static let seiUuid = FieldKey("sei.uuid")
    /// `bitstream.quirk` (see docs/field-keys.md).
    public static let bitstreamQuirk = FieldKey("bitstream.quirk")
    /// `http.status` (see docs/field-keys.md).
    public static let httpStatus = FieldKey("http.status")
    /// `http.auth.realm` (see docs/field-keys.md).
    public static let httpAuthRealm = FieldKey("http.auth.realm")
    /// `http.auth.nonce-style` (see docs/field-keys.md).
    public static let httpAuthNonceStyle = FieldKey("http.auth.nonce-style")
    /// `http.page.marker` (see docs/field-keys.md).
    public static let httpPageMarker = FieldKey("http.page.marker")
    /// `http.favicon.md5` (see docs/field-keys.md).
    public static let httpFaviconMd5 = FieldKey("http.favicon.md5")
    /// `isapi.namespace` (see docs/field-keys.md).
    public static let isapiNamespace = FieldKey("isapi.namespace")
    /// `isapi.model` (see docs/field-keys.md).
    public static let isapiModel = FieldKey("isapi.model")
    /// `isapi.serial-number` (see docs/field-keys.md).
    public static let isapiSerialNumber = FieldKey("isapi.serial-number")
    /// `isapi.firmware-version` (see docs/field-keys.md).
    public static let isapiFirmwareVersion = FieldKey("isapi.firmware-version")
    /// `isapi.firmware-released-date` (see docs/field-keys.md).
    public static let isapiFirmwareReleasedDate = FieldKey("isapi.firmware-released-date")
    /// `isapi.encoder-version` (see docs/field-keys.md).
    public static let isapiEncoderVersion = FieldKey("isapi.encoder-version")
    /// `isapi.device-type` (see docs/field-keys.md).
    public static let isapiDeviceType = FieldKey("isapi.device-type")
    /// `isapi.device-name` (see docs/field-keys.md).
    public static let isapiDeviceName = FieldKey("isapi.device-name")
    /// `isapi.device-location` (see docs/field-keys.md).
    public static let isapiDeviceLocation = FieldKey("isapi.device-location")
    /// `isapi.system-contact` (see docs/field-keys.md).
    public static let isapiSystemContact = FieldKey("isapi.system-contact")
    /// `isapi.manufacturer` (see docs/field-keys.md).
    public static let isapiManufacturer = FieldKey("isapi.manufacturer")
    /// `isapi.oem-code` (see docs/field-keys.md).
    public static let isapiOemCode = FieldKey("isapi.oem-code")
    /// `isapi.telecontrol-id` (see docs/field-keys.md).
    public static let isapiTelecontrolId = FieldKey("isapi.telecontrol-id")
    /// `isapi.schema` (see docs/field-keys.md).
    public static let isapiSchema = FieldKey("isapi.schema")
    /// `isapi.request-url` (see docs/field-keys.md).
    public static let isapiRequestUrl = FieldKey("isapi.request-url")
    /// `isapi.mac` (see docs/field-keys.md).
    public static let isapiMac = FieldKey("isapi.mac")
    /// `isapi.input-proxy.protocol` (see docs/field-keys.md).
    public static let isapiInputProxyProtocol = FieldKey("isapi.input-proxy.protocol")
    /// `isapi.input-proxy.model` (see docs/field-keys.md).
    public static let isapiInputProxyModel = FieldKey("isapi.input-proxy.model")
    /// `isapi.input-proxy.serial-number` (see docs/field-keys.md).
    public static let isapiInputProxySerialNumber = FieldKey("isapi.input-proxy.serial-number")
    /// `isapi.input-proxy.firmware-version` (see docs/field-keys.md).
    public static let isapiInputProxyFirmwareVersion = FieldKey("isapi.input-proxy.firmware-version")
    /// `isapi.input-proxy.manufacturer` (see docs/field-keys.md).
    public static let isapiInputProxyManufacturer = FieldKey("isapi.input-proxy.manufacturer")
    /// `onvif.manufacturer` (see docs/field-keys.md).
    public static let onvifManufacturer = FieldKey("onvif.manufacturer")
    /// `onvif.model` (see docs/field-keys.md).
    public static let onvifModel = FieldKey("onvif.model")
    /// `onvif.firmware-version` (see docs/field-keys.md).
    public static let onvifFirmwareVersion = FieldKey("onvif.firmware-version")
    /// `onvif.serial-number` (see docs/field-keys.md).
    public static let onvifSerialNumber = FieldKey("onvif.serial-number")
    /// `onvif.hardware-id` (see docs/field-keys.md).
    public static let onvifHardwareId = FieldKey("onvif.hardware-id")
    /// `onvif.scope` (see docs/field-keys.md).
    public static let onvifScope = FieldKey("onvif.scope")
    /// `onvif.namespace` (see docs/field-keys.md).
    public static let onvifNamespace = FieldKey("onvif.namespace")
    /// `sadp.probe-match` (see docs/field-keys.md).
    public static let sadpProbeMatch = FieldKey("sadp.probe-match")
    /// `sadp.device-description` (see docs/field-keys.md).
    public static let sadpDeviceDescription = FieldKey("sadp.device-description")
    /// `sadp.device-sn` (see docs/field-keys.md).
    public static let sadpDeviceSn = FieldKey("sadp.device-sn")
    /// `sadp.software-version` (see docs/field-keys.md).
    public static let sadpSoftwareVersion = FieldKey("sadp.software-version")
    /// `sadp.dsp-version` (see docs/field-keys.md).
    public static let sadpDspVersion = FieldKey("sadp.dsp-version")
    /// `sadp.device-type` (see docs/field-keys.md).
    public static let sadpDeviceType = FieldKey("sadp.device-type")
    /// `sadp.detail-oem-code` (see docs/field-keys.md).
    public static let sadpDetailOemCode = FieldKey("sadp.detail-oem-code")
    /// `sadp.mac` (see docs/field-keys.md).
    public static let sadpMac = FieldKey("sadp.mac")
    /// `ssdp.server` (see docs/field-keys.md).
    public static let ssdpServer = FieldKey("ssdp.server")
    /// `ssdp.st` (see docs/field-keys.md).
    public static let ssdpSearchTarget = FieldKey("ssdp.st")
    /// `ssdp.usn` (see docs/field-keys.md).
    public static let ssdpUsn = FieldKey("ssdp.usn")
    /// `ssdp.location` (see docs/field-keys.md).
    public static let ssdpLocation = FieldKey("ssdp.location")
    /// `upnp.device-type` (see docs/field-keys.md).
    public static let upnpDeviceType = FieldKey("upnp.device-type")
    /// `upnp.friendly-name` (see docs/field-keys.md).
    public static let upnpFriendlyName = FieldKey("upnp.friendly-name")
    /// `upnp.manufacturer` (see docs/field-keys.md).
    public static let upnpManufacturer = FieldKey("upnp.manufacturer")
    /// `upnp.manufacturer-url` (see docs/field-keys.md).
    public static let upnpManufacturerUrl = FieldKey("upnp.manufacturer-url")
    /// `upnp.model-name` (see docs/field-keys.md).
    public static let upnpModelName = FieldKey("upnp.model-name")
    /// `upnp.model-number` (see docs/field-keys.md).
    public static let upnpModelNumber = FieldKey("upnp.model-number")
    /// `upnp.model-description` (see docs/field-keys.md).
    public static let upnpModelDescription = FieldKey("upnp.model-description")
    /// `upnp.serial-number` (see docs/field-keys.md).
    public static let upnpSerialNumber = FieldKey("upnp.serial-number")
    /// `upnp.udn` (see docs/field-keys.md).
    public static let upnpUdn = FieldKey("upnp.udn")
    /// `upnp.presentation-url` (see docs/field-keys.md).
    public static let upnpPresentationUrl = FieldKey("upnp.presentation-url")
    /// `dhip.method` (see docs/field-keys.md).
    public static let dhipMethod = FieldKey("dhip.method")
    /// `dhip.manufacturer` (see docs/field-keys.md).
    public static let dhipManufacturer = FieldKey("dhip.manufacturer")
    /// `dhip.vendor` (see docs/field-keys.md).
    public static let dhipVendor = FieldKey("dhip.vendor")
    /// `dhip.device-type` (see docs/field-keys.md).
    public static let dhipDeviceType = FieldKey("dhip.device-type")
    /// `dhip.device-class` (see docs/field-keys.md).
    public static let dhipDeviceClass = FieldKey("dhip.device-class")
    /// `dhip.serial-number` (see docs/field-keys.md).
    public static let dhipSerialNumber = FieldKey("dhip.serial-number")
    /// `dhip.version` (see docs/field-keys.md).
    public static let dhipVersion = FieldKey("dhip.version")
    /// `mac.oui` (see docs/field-keys.md).
    public static let macOui = FieldKey("mac.oui")
    /// `mac.address` (see docs/field-keys.md).
    public static let macAddress = FieldKey("mac.address")

    /// `rtsp.status.<method>` (see docs/field-keys.md).
    public static func rtspStatus(_ method: String) -> FieldKey { FieldKey("rtsp.status." + method.lowercased()) }
    /// `rtsp.header.<name>` (see docs/field-keys.md).
    public static func rtspHeader(_ name: String) -> FieldKey { FieldKey("rtsp.header." + name.lowercased()) }
    /// `rtsp.header-order.<method>` (see docs/field-keys.md).
    public static func rtspHeaderOrder(_ method: String) -> FieldKey {
        FieldKey("rtsp.header-order." + method.lowercased())
    }
    /// `sdp.attribute.<name>` (see docs/field-keys.md).
    public static func sdpAttribute(_ name: String) -> FieldKey { FieldKey("sdp.attribute." + name.lowercased()) }
    /// `http.header.<name>` (see docs/field-keys.md).
    public static func httpHeader(_ name: String) -> FieldKey { FieldKey("http.header." + name.lowercased()) }
}

/// One row of the field-key table.
public struct FieldKeySpec: Hashable, Sendable, Encodable {
    /// The key, or a template with one `<placeholder>` at the end.
    public let key: String
    public let channel: Channel
    /// What the value looks like.
    public let format: String

    /// The fixed part before `<placeholder>`, or nil when the key is not a template.
    public var templatePrefix: String? {
        guard let open = key.firstIndex(of: "<") else { return nil }
        return String(key[..<open])
    }
}

extension FieldKey {
    /// Every key and key template, in the order of `docs/field-keys.md`.
    public static let catalog: [FieldKeySpec] = [
        FieldKeySpec(
            key: "rtsp.status.<method>",
            channel: .rtsp,
            format: "decimal status code of the final response to `<method>` (lowercase method name)"
        ),
        FieldKeySpec(
            key: "rtsp.header.<name>",
            channel: .rtsp,
            format:
                "header value, leading/trailing whitespace trimmed, one observation per occurrence; `<name>` lowercase"
        ),
        FieldKeySpec(
            key: "rtsp.header-order.<method>",
            channel: .rtsp,
            format: "lowercase header names of one response to `<method>`, in order, joined by `,`"
        ),
        FieldKeySpec(
            key: "rtsp.server.absent",
            channel: .rtsp,
            format:
                "`true` when no RTSP response of the conversation carried `Server:` (emit only when at least two responses were seen)"
        ),
        FieldKeySpec(
            key: "rtsp.auth.realm",
            channel: .rtsp,
            format: "realm parameter of `WWW-Authenticate` (unquoted)"
        ),
        FieldKeySpec(
            key: "rtsp.auth.realm-format",
            channel: .rtsp,
            format:
                "`ip-camera-code` (`IP Camera(XXXXX)`), `mac-hex-lower` (12 lowercase hex), `mac-hex-upper`, `login-to-serial` (`Login to <serial>`), `vendor-mac` (`AXIS_<MAC>`), `text` (anything else)"
        ),
        FieldKeySpec(
            key: "rtsp.auth.scheme-order",
            channel: .rtsp,
            format: "lowercase schemes of the `WWW-Authenticate` headers of one 401, in order, joined by `,`"
        ),
        FieldKeySpec(
            key: "rtsp.auth.nonce-style",
            channel: .rtsp,
            format:
                "`32-lower-hex`, `32-upper-hex`, `lower-hex` (other length), `upper-hex`, `decimal`, `hex-colon-decimal` (`<hex>:<unix time>`), `base64`, `other`"
        ),
        FieldKeySpec(
            key: "rtsp.auth.stale",
            channel: .rtsp,
            format:
                "`quoted-upper` (`stale=\"FALSE\"`), `unquoted-upper` (`stale=FALSE`), `quoted-lower`, `unquoted-lower`, `absent`"
        ),
        FieldKeySpec(
            key: "rtsp.auth.algorithm",
            channel: .rtsp,
            format: "value of the `algorithm` parameter, or `absent`"
        ),
        FieldKeySpec(
            key: "rtsp.date.layout",
            channel: .rtsp,
            format:
                "`rfc1123` (`Thu, 18 Jun 2020 13:30:45 GMT`), `live555` (`Thu, May 14 2020 16:45:35 GMT`), `asctime`, `other`"
        ),
        FieldKeySpec(
            key: "rtsp.date.double-space",
            channel: .rtsp,
            format: "`true` when the raw header line is `Date:` followed by two spaces, else `false`"
        ),
        FieldKeySpec(
            key: "rtsp.date.position",
            channel: .rtsp,
            format:
                "position of `Date` among the headers of every response that has one: `last`, `second` (right after CSeq), `other`"
        ),
        FieldKeySpec(
            key: "rtsp.session.padding",
            channel: .rtsp,
            format: "`right-aligned` when the raw `Session:` value is preceded by more than one space, else `none`"
        ),
        FieldKeySpec(
            key: "rtsp.session.id-style",
            channel: .rtsp,
            format: "`decimal-<n>`, `hex-upper-<n>`, `hex-lower-<n>`, `alnum-<n>` (n = id length)"
        ),
        FieldKeySpec(
            key: "rtsp.session.timeout-style",
            channel: .rtsp,
            format: "`no-space` (`;timeout=60`), `space` (`; timeout=60`), `absent`"
        ),
        FieldKeySpec(key: "rtsp.public", channel: .rtsp, format: "`Public` header value as text (trimmed)"),
        FieldKeySpec(
            key: "rtsp.public.order",
            channel: .rtsp,
            format: "method names of `Public`, upper case, joined by `,` without spaces"
        ),
        FieldKeySpec(
            key: "rtsp.transport.ssrc-format",
            channel: .rtsp,
            format:
                "`8-lower-hex`, `8-upper-hex`, `space-padded-lower-hex`, `space-padded-upper-hex`, `short-hex`, `0x-hex`, `decimal`, `absent`"
        ),
        FieldKeySpec(
            key: "rtsp.transport.mode",
            channel: .rtsp,
            format: "`mode` parameter of the SETUP reply `Transport` exactly as sent (quotes kept)"
        ),
        FieldKeySpec(key: "rtsp.url.path", channel: .rtsp, format: "path (and query) of the probed URL, as configured"),
        FieldKeySpec(
            key: "rtsp.quirk",
            channel: .rtsp,
            format: "a parser quirk code (`CamprintWire.Quirk.code`) seen in an RTSP response"
        ),
        FieldKeySpec(key: "sdp.origin.username", channel: .sdp, format: "`o=` username"),
        FieldKeySpec(key: "sdp.origin.session-id", channel: .sdp, format: "`o=` sess-id as text"),
        FieldKeySpec(
            key: "sdp.origin.style",
            channel: .sdp,
            format:
                "`usec-twice` (16-digit µs time as id and version), `usec-one` (µs id, version 1), `constant` (a known constant id), `small` (≤ 10 digits), `other`"
        ),
        FieldKeySpec(key: "sdp.session-name", channel: .sdp, format: "`s=` value"),
        FieldKeySpec(key: "sdp.session-info", channel: .sdp, format: "session-level `i=` value"),
        FieldKeySpec(key: "sdp.uri", channel: .sdp, format: "`u=` value"),
        FieldKeySpec(key: "sdp.email", channel: .sdp, format: "`e=` value"),
        FieldKeySpec(key: "sdp.tool", channel: .sdp, format: "`a=tool:` value"),
        FieldKeySpec(key: "sdp.appversion", channel: .sdp, format: "`a=appversion:` value"),
        FieldKeySpec(
            key: "sdp.attribute-name",
            channel: .sdp,
            format: "name of every `a=` attribute (session and media level), case kept"
        ),
        FieldKeySpec(
            key: "sdp.attribute.<name>",
            channel: .sdp,
            format: "value of attribute `<name>` (name lowercased in the key)"
        ),
        FieldKeySpec(
            key: "sdp.x-dimensions.style",
            channel: .sdp,
            format: "`no-space` (`1920,1080`) or `spaces` (` 704, 576`)"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.style",
            channel: .sdp,
            format: "separator style of an H.264/H.265 `a=fmtp`: `semicolon-space`, `semicolon`, `mixed`"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.profile-level-id",
            channel: .sdp,
            format: "H.264 `profile-level-id` exactly as written"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.profile-level-id-vs-sps",
            channel: .sdp,
            format:
                "`match` or `mismatch` (fmtp profile-level-id against the first three SPS bytes after the NAL header), `no-sps`"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.profile-level-id-declared-vs-sps",
            channel: .sdp,
            format:
                "`<fmtp>/<sps>`: the fmtp profile-level-id and the first three SPS bytes after the NAL header, 6 upper-case hex digits each, when both exist"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.template-declared-vs-sps",
            channel: .sdp,
            format:
                "`<fmtp>/<sps>` as `sdp.fmtp.profile-level-id-declared-vs-sps`, only when the H.264 `a=fmtp` is written as a fixed template: `profile-level-id=` first, parameters separated by `; `"
        ),
        FieldKeySpec(
            key: "sdp.h265.fmtp",
            channel: .sdp,
            format: "for an H.265 track: `absent` (no `a=fmtp`), `sprop` (sprop-vps/sps/pps), `h264-style`, `other`"
        ),
        FieldKeySpec(
            key: "sdp.rtpmap.encoding",
            channel: .sdp,
            format: "`a=rtpmap` encoding name/clock[/channels] exactly as written"
        ),
        FieldKeySpec(
            key: "sdp.control",
            channel: .sdp,
            format: "media-level `a=control` value with any `rtsp://host[:port]` prefix removed"
        ),
        FieldKeySpec(key: "sdp.bandwidth.session", channel: .sdp, format: "session-level `b=` value"),
        FieldKeySpec(
            key: "sdp.imkh.present",
            channel: .sdp,
            format: "`true` when an `a=Media_header:MEDIAINFO=494D4B48…` attribute decodes to an IMKH header"
        ),
        FieldKeySpec(
            key: "sdp.imkh.media-version",
            channel: .sdp,
            format: "IMKH media_version (little-endian u16) as `0x%04X`"
        ),
        FieldKeySpec(key: "sdp.imkh.system-format", channel: .sdp, format: "system_format as `0x%04X`"),
        FieldKeySpec(key: "sdp.imkh.video-format", channel: .sdp, format: "video_format as `0x%04X`"),
        FieldKeySpec(
            key: "sdp.imkh.audio-format",
            channel: .sdp,
            format: "audio_format as `0x%04X` (`0x0000` = no audio)"
        ),
        FieldKeySpec(key: "sdp.imkh.reserved", channel: .sdp, format: "reserved[0] (little-endian u32) as `0x%08X`"),
        FieldKeySpec(key: "sdp.quirk", channel: .sdp, format: "a parser quirk code seen in the SDP"),
        FieldKeySpec(key: "h264.sps.profile", channel: .bitstream, format: "profile_idc, decimal"),
        FieldKeySpec(key: "h264.sps.level", channel: .bitstream, format: "level_idc, decimal"),
        FieldKeySpec(
            key: "h264.sps.constraint-flags",
            channel: .bitstream,
            format: "constraint_set flags byte as `0x%02X`"
        ),
        FieldKeySpec(key: "h264.sps.poc-type", channel: .bitstream, format: "pic_order_cnt_type, decimal"),
        FieldKeySpec(
            key: "h264.vui.aspect-ratio",
            channel: .bitstream,
            format: "`absent`, or aspect_ratio_idc decimal, `255:<w>:<h>` for explicit SAR"
        ),
        FieldKeySpec(
            key: "h264.vui.full-range",
            channel: .bitstream,
            format: "video_full_range_flag `0`/`1`, `absent`"
        ),
        FieldKeySpec(
            key: "h264.vui.timing",
            channel: .bitstream,
            format: "`<num_units_in_tick>/<time_scale>` or `absent`"
        ),
        FieldKeySpec(key: "h264.vui.fixed-frame-rate", channel: .bitstream, format: "fixed_frame_rate_flag `0`/`1`"),
        FieldKeySpec(key: "h264.vui.hrd", channel: .bitstream, format: "`none`, `nal`, `vcl`, `nal+vcl`"),
        FieldKeySpec(key: "h265.sps.profile", channel: .bitstream, format: "general_profile_idc, decimal"),
        FieldKeySpec(key: "h265.sps.level", channel: .bitstream, format: "general_level_idc, decimal"),
        FieldKeySpec(
            key: "h265.nal.reserved-type",
            channel: .bitstream,
            format: "a reserved/unspecified NAL unit type seen in band, decimal"
        ),
        FieldKeySpec(key: "rtcp.cname", channel: .bitstream, format: "RTCP SDES CNAME sent by the device"),
        FieldKeySpec(
            key: "sei.payload-type",
            channel: .bitstream,
            format: "SEI payloadType, decimal, one observation per distinct type"
        ),
        FieldKeySpec(key: "sei.uuid", channel: .bitstream, format: "user_data_unregistered UUID, lowercase 8-4-4-4-12"),
        FieldKeySpec(key: "bitstream.quirk", channel: .bitstream, format: "a parser quirk code seen in the bitstream"),
        FieldKeySpec(key: "http.status", channel: .http, format: "status code of the probed page"),
        FieldKeySpec(
            key: "http.header.<name>",
            channel: .http,
            format: "HTTP header value (trimmed), `<name>` lowercase"
        ),
        FieldKeySpec(key: "http.auth.realm", channel: .http, format: "realm of `WWW-Authenticate`"),
        FieldKeySpec(
            key: "http.auth.nonce-style",
            channel: .http,
            format: "as `rtsp.auth.nonce-style`, plus `hex-of-base64` (hex of ASCII base64)"
        ),
        FieldKeySpec(
            key: "http.page.marker",
            channel: .http,
            format:
                "a known page marker found in a body: `doc-page-login-asp`, `isapi-usercheck`, `goahead-document-error`"
        ),
        FieldKeySpec(key: "http.favicon.md5", channel: .http, format: "MD5 of `/favicon.ico`, lowercase hex"),
        FieldKeySpec(key: "isapi.namespace", channel: .isapi, format: "`xmlns` of `<DeviceInfo>`"),
        FieldKeySpec(key: "isapi.model", channel: .isapi, format: "`model`"),
        FieldKeySpec(key: "isapi.serial-number", channel: .isapi, format: "`serialNumber`"),
        FieldKeySpec(key: "isapi.firmware-version", channel: .isapi, format: "`firmwareVersion`"),
        FieldKeySpec(key: "isapi.firmware-released-date", channel: .isapi, format: "`firmwareReleasedDate`"),
        FieldKeySpec(key: "isapi.encoder-version", channel: .isapi, format: "`encoderVersion`"),
        FieldKeySpec(key: "isapi.device-type", channel: .isapi, format: "`deviceType`"),
        FieldKeySpec(key: "isapi.device-name", channel: .isapi, format: "`deviceName`"),
        FieldKeySpec(key: "isapi.device-location", channel: .isapi, format: "`deviceLocation`"),
        FieldKeySpec(key: "isapi.system-contact", channel: .isapi, format: "`systemContact`"),
        FieldKeySpec(key: "isapi.manufacturer", channel: .isapi, format: "`manufacturer`"),
        FieldKeySpec(key: "isapi.oem-code", channel: .isapi, format: "`OEMCode`"),
        FieldKeySpec(key: "isapi.telecontrol-id", channel: .isapi, format: "`telecontrolID`"),
        FieldKeySpec(
            key: "isapi.schema",
            channel: .isapi,
            format:
                "`hikvision-device-info` when a deviceInfo carries at least three elements of Hikvision's ISAPI schema that other makers' documents do not use (`telecontrolID`, `supportBeep`, `supportVideoLoss`, `encoderReleasedDate`, `bootReleasedDate`, `firmwareReleasedDate`, `subSerialNumber`, `subDeviceType`)"
        ),
        FieldKeySpec(
            key: "isapi.request-url",
            channel: .isapi,
            format: "`requestURL` of an ISAPI `ResponseStatus` (the resource the device answered for), path only"
        ),
        FieldKeySpec(key: "isapi.mac", channel: .isapi, format: "`macAddress`, lowercase colon-separated"),
        FieldKeySpec(
            key: "isapi.input-proxy.protocol",
            channel: .isapi,
            format:
                "a recorder's `proxyProtocol` for the camera of one IP channel (`HIKVISION`, `ONVIF`, …), as written; only in the report of that camera"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.model",
            channel: .isapi,
            format: "`sourceInputPortDescriptor/model` of one IP channel of a recorder"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.serial-number",
            channel: .isapi,
            format: "`sourceInputPortDescriptor/serialNumber` of one IP channel of a recorder"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.firmware-version",
            channel: .isapi,
            format: "`sourceInputPortDescriptor/firmwareVersion` of one IP channel of a recorder"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.manufacturer",
            channel: .isapi,
            format: "`manufacturer` of one IP channel of a recorder, where the recorder gives it"
        ),
        FieldKeySpec(key: "onvif.manufacturer", channel: .onvif, format: "GetDeviceInformation `Manufacturer`"),
        FieldKeySpec(key: "onvif.model", channel: .onvif, format: "`Model`"),
        FieldKeySpec(key: "onvif.firmware-version", channel: .onvif, format: "`FirmwareVersion`"),
        FieldKeySpec(key: "onvif.serial-number", channel: .onvif, format: "`SerialNumber`"),
        FieldKeySpec(key: "onvif.hardware-id", channel: .onvif, format: "`HardwareId`"),
        FieldKeySpec(key: "onvif.scope", channel: .onvif, format: "one WS-Discovery scope URI per observation"),
        FieldKeySpec(
            key: "onvif.namespace",
            channel: .onvif,
            format: "one namespace URI declared in a SOAP envelope per observation"
        ),
        FieldKeySpec(key: "sadp.probe-match", channel: .sadp, format: "`true` when a SADP `<ProbeMatch>` was received"),
        FieldKeySpec(key: "sadp.device-description", channel: .sadp, format: "`DeviceDescription` (model)"),
        FieldKeySpec(key: "sadp.device-sn", channel: .sadp, format: "`DeviceSN`"),
        FieldKeySpec(key: "sadp.software-version", channel: .sadp, format: "`SoftwareVersion`"),
        FieldKeySpec(key: "sadp.dsp-version", channel: .sadp, format: "`DSPVersion`"),
        FieldKeySpec(key: "sadp.device-type", channel: .sadp, format: "`DeviceType` (numeric)"),
        FieldKeySpec(key: "sadp.detail-oem-code", channel: .sadp, format: "`DetailOEMCode`"),
        FieldKeySpec(key: "sadp.mac", channel: .sadp, format: "`MAC` as sent (dash-separated)"),
        FieldKeySpec(
            key: "ssdp.server",
            channel: .upnp,
            format: "`SERVER` header of an SSDP M-SEARCH answer or NOTIFY (`OS/version UPnP/1.0 product/version`)"
        ),
        FieldKeySpec(key: "ssdp.st", channel: .upnp, format: "`ST` of an M-SEARCH answer, or `NT` of a NOTIFY"),
        FieldKeySpec(key: "ssdp.usn", channel: .upnp, format: "`USN` (unique service name, `uuid:…[::type]`)"),
        FieldKeySpec(key: "ssdp.location", channel: .upnp, format: "`LOCATION` URL of the device description, as sent"),
        FieldKeySpec(key: "upnp.device-type", channel: .upnp, format: "root `<device>` `deviceType`"),
        FieldKeySpec(key: "upnp.friendly-name", channel: .upnp, format: "`friendlyName`"),
        FieldKeySpec(key: "upnp.manufacturer", channel: .upnp, format: "`manufacturer`"),
        FieldKeySpec(key: "upnp.manufacturer-url", channel: .upnp, format: "`manufacturerURL`"),
        FieldKeySpec(key: "upnp.model-name", channel: .upnp, format: "`modelName`"),
        FieldKeySpec(key: "upnp.model-number", channel: .upnp, format: "`modelNumber`"),
        FieldKeySpec(key: "upnp.model-description", channel: .upnp, format: "`modelDescription`"),
        FieldKeySpec(key: "upnp.serial-number", channel: .upnp, format: "`serialNumber`"),
        FieldKeySpec(key: "upnp.udn", channel: .upnp, format: "`UDN` (`uuid:…`)"),
        FieldKeySpec(key: "upnp.presentation-url", channel: .upnp, format: "`presentationURL`"),
        FieldKeySpec(
            key: "dhip.method",
            channel: .dhip,
            format: "`method` of a DHIP JSON message (`client.notifyDevInfo`)"
        ),
        FieldKeySpec(key: "dhip.manufacturer", channel: .dhip, format: "`deviceInfo.Manufacturer`"),
        FieldKeySpec(key: "dhip.vendor", channel: .dhip, format: "`deviceInfo.Vendor`"),
        FieldKeySpec(key: "dhip.device-type", channel: .dhip, format: "`deviceInfo.DeviceType` (model)"),
        FieldKeySpec(key: "dhip.device-class", channel: .dhip, format: "`deviceInfo.DeviceClass`"),
        FieldKeySpec(key: "dhip.serial-number", channel: .dhip, format: "`deviceInfo.SerialNo`"),
        FieldKeySpec(key: "dhip.version", channel: .dhip, format: "`deviceInfo.Version` (firmware)"),
        FieldKeySpec(key: "mac.oui", channel: .mac, format: "first three octets, upper-case hex, colon-separated"),
        FieldKeySpec(key: "mac.address", channel: .mac, format: "full address, lower-case, colon-separated"),
    ]

    /// The table row this key belongs to (exact key first, then the longest template prefix).
    /// Every observation asks (the agent: thousands per minute), so through indexes built once.
    public var spec: FieldKeySpec? {
        if let exact = FieldKey.exactSpecs[rawValue] { return exact }
        for (prefix, spec) in FieldKey.templateSpecs where rawValue.hasPrefix(prefix) {
            if FieldKey.isToken(rawValue.dropFirst(prefix.count)) { return spec }
        }
        return nil
    }

    /// The catalog's exact keys (the first row wins, as a linear search would).
    private static let exactSpecs: [String: FieldKeySpec] = Dictionary(
        catalog.map { ($0.key, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    /// The catalog's templates by prefix, longest first (stable: among equal lengths, catalog order).
    private static let templateSpecs: [(prefix: String, spec: FieldKeySpec)] =
        catalog
        .compactMap { spec in spec.templatePrefix.map { (prefix: $0, spec: spec) } }
        .sorted { $0.prefix.count > $1.prefix.count }

    /// Whether the key is in the table (directly or through a template).
    public var isKnown: Bool { spec != nil }

    /// The channel of the key, when known.
    public var channel: Channel? { spec?.channel }

    private static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }
    }
}

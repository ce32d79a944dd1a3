/// The field-key vocabulary: every `(channel, field key)` an observation can carry.
///
/// ``FieldKey/catalog`` below is the ONE table of field keys: the constants name its rows, and the
/// table of `docs/field-keys.md` is generated from it (`camprint signatures field-keys --write`);
/// tests fail when the document differs from the catalog or when code or a shipped rule uses a key
/// the catalog lacks. Keys are lowercase, dotted, with `-` inside words. A key written with a
/// `<placeholder>` (`rtsp.header.<name>`) is a template: any lowercase token may replace the
/// placeholder. Signatures match fields, never raw messages (README, Signatures).
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
    /// `rtsp.auth.extension` (see docs/field-keys.md).
    public static let rtspAuthExtension = FieldKey("rtsp.auth.extension")
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
    /// `http.auth.extension` (see docs/field-keys.md).
    public static let httpAuthExtension = FieldKey("http.auth.extension")
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
    /// `isapi.admin-access.protocol` (see docs/field-keys.md).
    public static let isapiAdminAccessProtocol = FieldKey("isapi.admin-access.protocol")
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
    /// `text.model` (see docs/field-keys.md).
    public static let textModel = FieldKey("text.model")
    /// `text.serial-number` (see docs/field-keys.md).
    public static let textSerialNumber = FieldKey("text.serial-number")
    /// `mac.oui` (see docs/field-keys.md).
    public static let macOui = FieldKey("mac.oui")
    /// `mac.address` (see docs/field-keys.md).
    public static let macAddress = FieldKey("mac.address")

    /// `http.cgi.<name>` (see docs/field-keys.md).
    public static func httpCGI(_ name: String) -> FieldKey { FieldKey("http.cgi." + name.lowercased()) }
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
    /// What the value looks like (Markdown).
    public let format: String
    /// A typical value, or `key` = `value` for a template (Markdown; empty when none was seen).
    public let example: String
    /// Where the key's values were seen or are specified: a capture in Samples/captures, a public
    /// capture by name, a section of docs/signals.md or a specification (Markdown).
    public let source: String

    public init(key: String, channel: Channel, format: String, example: String = "", source: String = "") {
        self.key = key
        self.channel = channel
        self.format = format
        self.example = example
        self.source = source
    }

    /// The fixed part before `<placeholder>`, or nil when the key is not a template.
    public var templatePrefix: String? {
        guard let open = key.firstIndex(of: "<") else { return nil }
        return String(key[..<open])
    }
}

extension FieldKey {
    /// Every key and key template: the source of the table in `docs/field-keys.md`. A new key is a
    /// row here (and a constant above when code emits it); then regenerate the document.
    public static let catalog: [FieldKeySpec] = [
        FieldKeySpec(
            key: "rtsp.status.<method>",
            channel: .rtsp,
            format: "decimal status code of the final response to `<method>` (lowercase method name)",
            example: "`rtsp.status.options` = `200`",
            source:
                "401 to unauthenticated OPTIONS: Dahua/Amcrest IPC, Hikvision NVR; 200: Hikvision IPC (docs/signals.md §1.2)"
        ),
        FieldKeySpec(
            key: "rtsp.header.<name>",
            channel: .rtsp,
            format:
                "header value, leading/trailing whitespace trimmed, one observation per occurrence; `<name>` lowercase",
            example: "`rtsp.header.server` = `Rtsp Server/3.0`",
            source: "retina dahua_options.txt"
        ),
        FieldKeySpec(
            key: "rtsp.header-order.<method>",
            channel: .rtsp,
            format: "lowercase header names of one response to `<method>`, in order, joined by `,`",
            example: "`rtsp.header-order.describe` = `cseq,content-type,content-base,content-length`",
            source: "Hikvision IPC DESCRIBE 200 (C2875 transcript, retina hikvision_describe.txt)"
        ),
        FieldKeySpec(
            key: "rtsp.server.absent",
            channel: .rtsp,
            format:
                "`true` when no RTSP response of the conversation carried `Server:` (emit only when at least two responses were seen)",
            example: "`true`",
            source: "docs/signals.md §1.2"
        ),
        FieldKeySpec(
            key: "rtsp.auth.realm",
            channel: .rtsp,
            format: "realm parameter of `WWW-Authenticate` (unquoted)",
            example: "`IP Camera(C2875)`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "rtsp.auth.realm-format",
            channel: .rtsp,
            format:
                "`ip-camera-code` (`IP Camera(XXXXX)`), `mac-hex-lower` (12 lowercase hex), `mac-hex-upper`, `login-to-serial` (`Login to <serial>`), `vendor-mac` (`AXIS_<MAC>`), `text` (anything else)",
            example: "`ip-camera-code`",
            source: "docs/signals.md §1.3"
        ),
        FieldKeySpec(
            key: "rtsp.auth.scheme-order",
            channel: .rtsp,
            format: "lowercase schemes of the `WWW-Authenticate` headers of one 401, in order, joined by `,`",
            example: "`digest,basic`",
            source: "docs/signals.md §1.2"
        ),
        FieldKeySpec(
            key: "rtsp.auth.nonce-style",
            channel: .rtsp,
            format:
                "`32-lower-hex`, `32-upper-hex`, `lower-hex` (other length), `upper-hex`, `decimal`, `hex-colon-decimal` (`<hex>:<unix time>`), `base64`, `other`",
            example: "`32-lower-hex`",
            source: "C2875 transcript; longse_unauthorized.txt (`decimal`)"
        ),
        FieldKeySpec(
            key: "rtsp.auth.stale",
            channel: .rtsp,
            format:
                "`quoted-upper` (`stale=\"FALSE\"`), `unquoted-upper` (`stale=FALSE`), `quoted-lower`, `unquoted-lower`, `absent`",
            example: "`quoted-upper`",
            source: "docs/signals.md §1.2"
        ),
        FieldKeySpec(
            key: "rtsp.auth.algorithm",
            channel: .rtsp,
            format: "value of the `algorithm` parameter, or `absent`",
            example: "`absent`",
            source: "docs/signals.md §1.2"
        ),
        FieldKeySpec(
            key: "rtsp.auth.extension",
            channel: .rtsp,
            format:
                "name of a Digest challenge parameter that RFC 2617 §3.2.1 and RFC 7616 §3.3 do not define, lowercase, one observation per name",
            example: "`random`",
            source:
                "Samples/captures/hikvision-family/hikvision-rtsp-cnblogs-jingzhishen-digest-01.txt, hikvision-rtsp-face-recognition-proxy-01.txt"
        ),
        FieldKeySpec(
            key: "rtsp.date.layout",
            channel: .rtsp,
            format:
                "`rfc1123` (`Thu, 18 Jun 2020 13:30:45 GMT`), `live555` (`Thu, May 14 2020 16:45:35 GMT`), `asctime`, `other`",
            example: "`live555`",
            source: "C2875 transcript; axis_describe_response.txt (`rfc1123`)"
        ),
        FieldKeySpec(
            key: "rtsp.date.double-space",
            channel: .rtsp,
            format: "`true` when the raw header line is `Date:` followed by two spaces, else `false`",
            example: "`true`",
            source: "C2875 transcript, retina hikvision_setup.txt"
        ),
        FieldKeySpec(
            key: "rtsp.date.position",
            channel: .rtsp,
            format:
                "position of `Date` among the headers of every response that has one: `last`, `second` (right after CSeq), `other`",
            example: "`last`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "rtsp.session.padding",
            channel: .rtsp,
            format: "`right-aligned` when the raw `Session:` value is preceded by more than one space, else `none`",
            example: "`right-aligned`",
            source: "retina hikvision_setup.txt (`Session:        708345999;timeout=60`)"
        ),
        FieldKeySpec(
            key: "rtsp.session.id-style",
            channel: .rtsp,
            format: "`decimal-<n>`, `hex-upper-<n>`, `hex-lower-<n>`, `alnum-<n>` (n = id length)",
            example: "`decimal-9`",
            source: "retina dahua_setup.txt (`decimal-12`)"
        ),
        FieldKeySpec(
            key: "rtsp.session.timeout-style",
            channel: .rtsp,
            format: "`no-space` (`;timeout=60`), `space` (`; timeout=60`), `absent`",
            example: "`no-space`",
            source: "gw_main_setup_video.txt (`space`)"
        ),
        FieldKeySpec(
            key: "rtsp.public",
            channel: .rtsp,
            format: "`Public` header value as text (trimmed)",
            example: "`OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "rtsp.public.order",
            channel: .rtsp,
            format: "method names of `Public`, upper case, joined by `,` without spaces",
            example: "`OPTIONS,DESCRIBE,PLAY,PAUSE,SETUP,TEARDOWN,SET_PARAMETER,GET_PARAMETER`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "rtsp.transport.ssrc-format",
            channel: .rtsp,
            format:
                "`8-lower-hex`, `8-upper-hex`, `space-padded-lower-hex`, `space-padded-upper-hex`, `short-hex`, `0x-hex`, `decimal`, `absent`",
            example: "`8-lower-hex`",
            source: "C2875 transcript; hikvision_setup_ssrc_space.txt; dahua_setup.txt"
        ),
        FieldKeySpec(
            key: "rtsp.transport.mode",
            channel: .rtsp,
            format: "`mode` parameter of the SETUP reply `Transport` exactly as sent (quotes kept)",
            example: "`\"play\"`",
            source: "C2875 transcript; rubetek_setup_ssrc_0x.txt (`\"PLAY\"`)"
        ),
        FieldKeySpec(
            key: "rtsp.url.path",
            channel: .rtsp,
            format: "path (and query) of the probed URL, as configured",
            example: "`/Streaming/Channels/101`",
            source: "docs/signals.md §1.4 (weak: chosen by the client)"
        ),
        FieldKeySpec(
            key: "rtsp.quirk",
            channel: .rtsp,
            format: "a parser quirk code (`CamprintWire.Quirk.code`) seen in an RTSP response",
            example: "`rtsp.date.double-space`",
            source: "RTSP quirk codes below"
        ),
        FieldKeySpec(
            key: "sdp.origin.username",
            channel: .sdp,
            format: "`o=` username",
            example: "`-`, `VSTC`",
            source: "vstarcam_describe.txt"
        ),
        FieldKeySpec(
            key: "sdp.origin.session-id",
            channel: .sdp,
            format: "`o=` sess-id as text",
            example: "`1109162014219182`",
            source: "mediamtx_227_hik_media_server.sdp"
        ),
        FieldKeySpec(
            key: "sdp.origin.style",
            channel: .sdp,
            format:
                "`usec-twice` (16-digit µs time as id and version), `usec-one` (µs id, version 1), `constant` (a known constant id), `small` (≤ 10 digits), `other`",
            example: "`usec-twice`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.session-name",
            channel: .sdp,
            format: "`s=` value",
            example: "`Media Presentation`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.session-info",
            channel: .sdp,
            format: "session-level `i=` value",
            example: "`HIK Media Server Session Description : standard`",
            source: "mediamtx_227_hik_media_server.sdp"
        ),
        FieldKeySpec(
            key: "sdp.uri",
            channel: .sdp,
            format: "`u=` value",
            example: "`www.evostream.com`",
            source: "ubiquiti_sdp.txt"
        ),
        FieldKeySpec(
            key: "sdp.email",
            channel: .sdp,
            format: "`e=` value",
            example: "`NONE`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.tool",
            channel: .sdp,
            format: "`a=tool:` value",
            example: "`LIVE555 Streaming Media v2011.05.25 CHAM.LI@ANJVISION.COM`",
            source: "anjvision_describe.txt"
        ),
        FieldKeySpec(
            key: "sdp.appversion",
            channel: .sdp,
            format: "`a=appversion:` value",
            example: "`1.0`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.attribute-name",
            channel: .sdp,
            format: "name of every `a=` attribute (session and media level), case kept",
            example: "`Media_header`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.attribute.<name>",
            channel: .sdp,
            format: "value of attribute `<name>` (name lowercased in the key)",
            example: "`sdp.attribute.packetization-supported` = `DH`",
            source: "dahua_describe_h264_aac_onvif.txt"
        ),
        FieldKeySpec(
            key: "sdp.x-dimensions.style",
            channel: .sdp,
            format: "`no-space` (`1920,1080`) or `spaces` (` 704, 576`)",
            example: "`no-space`",
            source: "C2875 transcript; anpviz_sdp.txt (`spaces`)"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.style",
            channel: .sdp,
            format: "separator style of an H.264/H.265 `a=fmtp`: `semicolon-space`, `semicolon`, `mixed`",
            example: "`semicolon-space`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.profile-level-id",
            channel: .sdp,
            format: "H.264 `profile-level-id` exactly as written",
            example: "`420029`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.profile-level-id-vs-sps",
            channel: .sdp,
            format:
                "`match` or `mismatch` (fmtp profile-level-id against the first three SPS bytes after the NAL header), `no-sps`",
            example: "`mismatch`",
            source: "retina hikvision_describe.txt (420029 vs Main 4.1)"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.profile-level-id-declared-vs-sps",
            channel: .sdp,
            format:
                "`<fmtp>/<sps>`: the fmtp profile-level-id and the first three SPS bytes after the NAL header, 6 upper-case hex digits each, when both exist",
            example: "`420029/4D0029`",
            source:
                "retina hikvision_describe.txt; gortsplib_issue_mediamtx_2128_vurix_nvr.sdp (`64001F/640028`, a level mismatch that is not the Hikvision quirk)"
        ),
        FieldKeySpec(
            key: "sdp.fmtp.template-declared-vs-sps",
            channel: .sdp,
            format:
                "`<fmtp>/<sps>` as `sdp.fmtp.profile-level-id-declared-vs-sps`, only when the H.264 `a=fmtp` is written as a fixed template: `profile-level-id=` first, parameters separated by `; `",
            example: "`420029/4D401E`",
            source:
                "retina hikvision_describe.txt; Samples/captures/other-makers/unknown-sdp-go2rtc-1279-01.txt (`packetization-mode=1;profile-level-id=420029;…`, a mismatch outside the template)"
        ),
        FieldKeySpec(
            key: "sdp.h265.fmtp",
            channel: .sdp,
            format:
                "for an H.265 track: `absent` (no `a=fmtp`), `sprop` (sprop-vps/sps/pps), `h264-style` (H.264 keys), `h264-template` (H.264 keys written as the fixed template line with nothing after `sprop-parameter-sets=`, which `sdp.fmtp.template-declared-vs-sps` scores), `other`",
            example: "`absent`",
            source: "docs/signals.md §2.2"
        ),
        FieldKeySpec(
            key: "sdp.rtpmap.encoding",
            channel: .sdp,
            format: "`a=rtpmap` encoding name/clock[/channels] exactly as written",
            example: "`isapi.metadata/90000`",
            source: "docs/signals.md §2.1"
        ),
        FieldKeySpec(
            key: "sdp.control",
            channel: .sdp,
            format: "media-level `a=control` value with any `rtsp://host[:port]` prefix removed",
            example: "`trackID=video`",
            source: "mediamtx_227_hik_media_server.sdp"
        ),
        FieldKeySpec(
            key: "sdp.bandwidth.session",
            channel: .sdp,
            format: "session-level `b=` value",
            example: "`AS:5100`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.imkh.present",
            channel: .sdp,
            format: "`true` when an `a=Media_header:MEDIAINFO=494D4B48…` attribute decodes to an IMKH header",
            example: "`true`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.imkh.media-version",
            channel: .sdp,
            format: "IMKH media_version (little-endian u16) as `0x%04X`",
            example: "`0x0201`",
            source: "C2875 transcript (`…4B48 0102…`)"
        ),
        FieldKeySpec(
            key: "sdp.imkh.system-format",
            channel: .sdp,
            format: "system_format as `0x%04X`",
            example: "`0x0004`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.imkh.video-format",
            channel: .sdp,
            format: "video_format as `0x%04X`",
            example: "`0x0100`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.imkh.audio-format",
            channel: .sdp,
            format: "audio_format as `0x%04X` (`0x0000` = no audio)",
            example: "`0x2001`",
            source: "C2875 transcript"
        ),
        FieldKeySpec(
            key: "sdp.imkh.reserved",
            channel: .sdp,
            format: "reserved[0] (little-endian u32) as `0x%08X`",
            example: "`0x00000081`",
            source: "docs/signals.md §2.4"
        ),
        FieldKeySpec(
            key: "sdp.quirk",
            channel: .sdp,
            format: "a parser quirk code seen in the SDP",
            example: "`sdp.origin.nettype-ip`",
            source: "Sources/CamprintSDP (quirk codes)"
        ),
        FieldKeySpec(
            key: "h264.sps.profile",
            channel: .bitstream,
            format: "profile_idc, decimal",
            example: "`77`",
            source: "mediacommon_hikvision_sps_main_1080p_nal_vcl_hrd.nal"
        ),
        FieldKeySpec(
            key: "h264.sps.level",
            channel: .bitstream,
            format: "level_idc, decimal",
            example: "`41`",
            source: "same"
        ),
        FieldKeySpec(
            key: "h264.sps.constraint-flags",
            channel: .bitstream,
            format: "constraint_set flags byte as `0x%02X`",
            example: "`0x00`",
            source: "same"
        ),
        FieldKeySpec(
            key: "h264.sps.poc-type",
            channel: .bitstream,
            format: "pic_order_cnt_type, decimal",
            example: "`0`",
            source: "docs/signals.md §3.1"
        ),
        FieldKeySpec(
            key: "h264.vui.aspect-ratio",
            channel: .bitstream,
            format: "`absent`, or aspect_ratio_idc decimal, `255:<w>:<h>` for explicit SAR",
            example: "`255:1:1`",
            source: "docs/signals.md §3.1"
        ),
        FieldKeySpec(
            key: "h264.vui.full-range",
            channel: .bitstream,
            format: "video_full_range_flag `0`/`1`, `absent`",
            example: "`1`",
            source: "docs/signals.md §3.1"
        ),
        FieldKeySpec(
            key: "h264.vui.timing",
            channel: .bitstream,
            format: "`<num_units_in_tick>/<time_scale>` or `absent`",
            example: "`1000/60000`",
            source: "docs/signals.md §3.1"
        ),
        FieldKeySpec(
            key: "h264.vui.fixed-frame-rate",
            channel: .bitstream,
            format: "fixed_frame_rate_flag `0`/`1`",
            example: "`0`",
            source: "docs/signals.md §3.1"
        ),
        FieldKeySpec(
            key: "h264.vui.hrd",
            channel: .bitstream,
            format: "`none`, `nal`, `vcl`, `nal+vcl`",
            example: "`nal+vcl`",
            source: "mediacommon_hikvision_sps_main_1080p_nal_vcl_hrd.nal"
        ),
        FieldKeySpec(
            key: "h265.sps.profile",
            channel: .bitstream,
            format: "general_profile_idc, decimal",
            example: "`1`",
            source: "docs/signals.md §3"
        ),
        FieldKeySpec(
            key: "h265.sps.level",
            channel: .bitstream,
            format: "general_level_idc, decimal",
            example: "`150`",
            source: "docs/signals.md §3"
        ),
        FieldKeySpec(
            key: "h265.nal.reserved-type",
            channel: .bitstream,
            format: "a reserved/unspecified NAL unit type seen in band, decimal",
            example: "`43`",
            source: "uniview_nvr_rtsp_tcp_interleaved_h265_1080p.pcap"
        ),
        FieldKeySpec(
            key: "rtcp.cname",
            channel: .bitstream,
            format: "RTCP SDES CNAME sent by the device",
            example: "`root@HUAWEI`",
            source: "huawei_ipc_rtcp_sr_sdes.bin"
        ),
        FieldKeySpec(
            key: "sei.payload-type",
            channel: .bitstream,
            format: "SEI payloadType, decimal, one observation per distinct type",
            example: "`229`",
            source: "huawei_ipc_h264_1080p_gop1.h264"
        ),
        FieldKeySpec(
            key: "sei.uuid",
            channel: .bitstream,
            format: "user_data_unregistered UUID, lowercase 8-4-4-4-12",
            example: "`005bc93f-2d71-5e95-ada4-796f90877a6f`",
            source: "onvif_media_signing_test_signed_h264.mp4"
        ),
        FieldKeySpec(
            key: "bitstream.quirk",
            channel: .bitstream,
            format: "a parser quirk code seen in the bitstream",
            example: "`h264.sps.trailing-bits.missing`",
            source: "Sources/CamprintCodecs (quirk codes)"
        ),
        FieldKeySpec(
            key: "http.status",
            channel: .http,
            format: "status code of the probed page",
            example: "`401`"
        ),
        FieldKeySpec(
            key: "http.header.<name>",
            channel: .http,
            format: "HTTP header value (trimmed), `<name>` lowercase",
            example: "`http.header.server` = `DNVRS-Webs`",
            source: "docs/signals.md §4.1"
        ),
        FieldKeySpec(
            key: "http.auth.realm",
            channel: .http,
            format: "realm of `WWW-Authenticate`",
            example: "`IP Camera(C2875)`",
            source: "docs/signals.md §1.3"
        ),
        FieldKeySpec(
            key: "http.auth.nonce-style",
            channel: .http,
            format: "as `rtsp.auth.nonce-style`, plus `hex-of-base64` (hex of ASCII base64)",
            example: "`hex-of-base64`",
            source: "docs/signals.md §4.1"
        ),
        FieldKeySpec(
            key: "http.cgi.<name>",
            channel: .http,
            format:
                "a `name=value` line of a Dahua CGI answer (`magicBox.cgi` getSystemInfo, getDeviceType, getSoftwareVersion), `<name>` lowercase: `updateserial`, `devicetype`, `type`, `processor`, `hardwareversion`, `version`, `builddate`; `table` holds the group of `configManager.cgi`'s `table.<Group>.<Key>=` lines",
            example: "`http.cgi.updateserial` = `IPC-HDW5830R-Z`",
            source: "Samples/captures/dahua-uniview-clones/dahua-http-rroller-dahua-sysinfo-01.txt"
        ),
        FieldKeySpec(
            key: "http.auth.extension",
            channel: .http,
            format: "as `rtsp.auth.extension`, for an HTTP Digest challenge",
            example: "`random`",
            source: "docs/signals.md §1.3"
        ),
        FieldKeySpec(
            key: "http.page.marker",
            channel: .http,
            format:
                "a known page marker found in a body: `doc-page-login-asp`, `goahead-document-error`",
            example: "`doc-page-login-asp`",
            source: "docs/signals.md §4.1"
        ),
        FieldKeySpec(
            key: "http.favicon.md5",
            channel: .http,
            format: "MD5 of `/favicon.ico`, lowercase hex",
            example: "`89b932fcc47cf4ca3faadb0cfdef89cf`",
            source: "docs/signals.md §4.1 (recog favicons.xml)"
        ),
        FieldKeySpec(
            key: "isapi.namespace",
            channel: .isapi,
            format: "`xmlns` of `<DeviceInfo>`",
            example: "`http://www.hikvision.com/ver20/XMLSchema`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.model",
            channel: .isapi,
            format: "`model`",
            example: "`DS-2CD2146G2-ISU`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.serial-number",
            channel: .isapi,
            format: "`serialNumber`",
            example: "`DS-2CD2146G2-ISU00000000AAWRG00000000`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.firmware-version",
            channel: .isapi,
            format: "`firmwareVersion`",
            example: "`V5.7.17`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.firmware-released-date",
            channel: .isapi,
            format: "`firmwareReleasedDate`",
            example: "`build 240606`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.encoder-version",
            channel: .isapi,
            format: "`encoderVersion`",
            example: "`V7.3`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.device-type",
            channel: .isapi,
            format: "`deviceType`",
            example: "`IPCamera`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.device-name",
            channel: .isapi,
            format: "`deviceName`",
            example: "`Embedded Net DVR`",
            source: "hikvision_isapi/iDS-7204HUHI-M1.json"
        ),
        FieldKeySpec(
            key: "isapi.device-location",
            channel: .isapi,
            format: "`deviceLocation`",
            example: "`hangzhou`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.system-contact",
            channel: .isapi,
            format: "`systemContact`",
            example: "`Hikvision.China`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.manufacturer",
            channel: .isapi,
            format: "`manufacturer`",
            example: "`hikvision`",
            source: "hikvision_isapi/DS-7616NI-K2.json"
        ),
        FieldKeySpec(
            key: "isapi.oem-code",
            channel: .isapi,
            format: "`OEMCode`",
            example: "`1`",
            source: "docs/signals.md §4.2"
        ),
        FieldKeySpec(
            key: "isapi.telecontrol-id",
            channel: .isapi,
            format: "`telecontrolID`",
            example: "`88`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.schema",
            channel: .isapi,
            format:
                "`hikvision-device-info` when a deviceInfo carries at least three elements of Hikvision's ISAPI schema that other makers' documents do not use (`telecontrolID`, `supportBeep`, `supportVideoLoss`, `encoderReleasedDate`, `bootReleasedDate`, `firmwareReleasedDate`, `decoderReleasedDate`, `subSerialNumber`, `subDeviceType`, `subChannelEnabled`, `thrChannelEnabled`, `firmwareVersionInfo`, `RS485Num`, `electroLockNum`, `localZoneNum`, `alarmInNum`, `alarmOutNum`, `actualFloorNum`, `customizedInfo`, `dspVersion`, `bspVersion`, `encryptionModel`, `releaseRegion`, `marketType`); `hikvision-response-status` for a ResponseStatus with `subStatusCode` beside `statusCode`/`statusString` (XML or JSON); `hikvision-event-alert` for an EventNotificationAlert (`activePostCount` with `eventType`/`eventState`/`eventDescription`, XML or JSON); `hikvision-user-check` for a `userCheck` answer (`statusValue` beside `statusString`); `hikvision-capability` for a document in capability notation (two or more elements with an `opt=\"…\"` option list and one with a `min`/`max` range: ISAPI `…/capabilities`, HCNetSDK `IpViewDevAbility`)",
            example: "`hikvision-device-info`",
            source:
                "Samples/captures/hikvision-family (doorbells, access terminals, NVRs: fragments without model or serial)"
        ),
        FieldKeySpec(
            key: "isapi.request-url",
            channel: .isapi,
            format: "`requestURL` of an ISAPI `ResponseStatus` (the resource the device answered for), path only",
            example: "`/ISAPI/System/IO/inputs/901`",
            source: "Samples/captures/hikvision-family (ResponseStatus answers of NVRs, doorbells)"
        ),
        FieldKeySpec(
            key: "isapi.mac",
            channel: .isapi,
            format: "`macAddress`, lowercase colon-separated",
            example: "`cb:6e:4f:d0:7b:1f`",
            source: "hikvision_isapi/DS-2CD2146G2-ISU.json"
        ),
        FieldKeySpec(
            key: "isapi.admin-access.protocol",
            channel: .isapi,
            format:
                "`protocol` of each entry of an `/ISAPI/Security/adminAccesses` list (`AdminAccessProtocol`: `protocol` beside `portNo`), as written",
            example: "`DEV_MANAGE`",
            source:
                "Samples/captures/hikvision-family/hikvision-isapi-face-recognition-proxy-01.txt, hikvision-isapi-hikvision_next-67-02.txt"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.protocol",
            channel: .isapi,
            format:
                "a recorder's `proxyProtocol` for the camera of one IP channel (`HIKVISION`, `ONVIF`, …), as written; only in the report of that camera",
            example: "`HIKVISION`",
            source: "Samples/captures/hikvision-family/hikvision-isapi-inputproxy-nvr-10-18-176-64-01.txt"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.model",
            channel: .isapi,
            format: "`sourceInputPortDescriptor/model` of one IP channel of a recorder",
            example: "`DS-2CD2T26XM-LGLE`",
            source: "Samples/captures/hikvision-family/hikvision-isapi-inputproxy-nvr-10-18-176-64-01.txt"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.serial-number",
            channel: .isapi,
            format: "`sourceInputPortDescriptor/serialNumber` of one IP channel of a recorder",
            example: "`SN-TEST-008`",
            source:
                "Samples/captures/hikvision-family/hikvision-isapi-inputproxy-nvr-10-18-176-64-01.txt (the source replaced the serials)"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.firmware-version",
            channel: .isapi,
            format: "`sourceInputPortDescriptor/firmwareVersion` of one IP channel of a recorder",
            example: "`V5.7.20 build 260320`",
            source: "Samples/captures/hikvision-family/hikvision-isapi-inputproxy-nvr-10-18-176-64-01.txt"
        ),
        FieldKeySpec(
            key: "isapi.input-proxy.manufacturer",
            channel: .isapi,
            format: "`manufacturer` of one IP channel of a recorder, where the recorder gives it",
            example: "`AXIS`",
            source: "emulator persona hikvision-nvr (no capture shows the element)"
        ),
        FieldKeySpec(
            key: "onvif.manufacturer",
            channel: .onvif,
            format: "GetDeviceInformation `Manufacturer`",
            example: "`HIKVISION`",
            source: "docs/signals.md §4.3"
        ),
        FieldKeySpec(
            key: "onvif.model",
            channel: .onvif,
            format: "`Model`",
            example: "`DS-2CD3955FWD-IWS`",
            source: "docs/signals.md §4.3"
        ),
        FieldKeySpec(
            key: "onvif.firmware-version",
            channel: .onvif,
            format: "`FirmwareVersion`",
            example: "`V5.5.31 build 180903`",
            source: "docs/signals.md §4.3"
        ),
        FieldKeySpec(
            key: "onvif.serial-number",
            channel: .onvif,
            format: "`SerialNumber`",
            source: "docs/signals.md §4.3"
        ),
        FieldKeySpec(
            key: "onvif.hardware-id",
            channel: .onvif,
            format: "`HardwareId`",
            example: "`88`",
            source: "docs/signals.md §4.3"
        ),
        FieldKeySpec(
            key: "onvif.scope",
            channel: .onvif,
            format: "one WS-Discovery scope URI per observation",
            example: "`onvif://www.onvif.org/name/HIKVISION%20DS-2CD3955FWD-IWS`",
            source: "docs/signals.md §4.3"
        ),
        FieldKeySpec(
            key: "onvif.namespace",
            channel: .onvif,
            format: "one namespace URI declared in a SOAP envelope per observation",
            example: "`http://www.hikvision.com/2011/event/topics`",
            source: "docs/signals.md §4.3"
        ),
        FieldKeySpec(
            key: "sadp.probe-match",
            channel: .sadp,
            format: "`true` when a SADP `<ProbeMatch>` was received",
            example: "`true`",
            source: "docs/signals.md §4.4"
        ),
        FieldKeySpec(
            key: "sadp.device-description",
            channel: .sadp,
            format: "`DeviceDescription` (model)",
            example: "`DS-2CD2032-I`",
            source: "docs/signals.md §4.4"
        ),
        FieldKeySpec(
            key: "sadp.device-sn",
            channel: .sadp,
            format: "`DeviceSN`",
            source: "docs/signals.md §4.4"
        ),
        FieldKeySpec(
            key: "sadp.software-version",
            channel: .sadp,
            format: "`SoftwareVersion`",
            example: "`V5.6.2build 190701`",
            source: "docs/signals.md §4.4"
        ),
        FieldKeySpec(
            key: "sadp.dsp-version",
            channel: .sadp,
            format: "`DSPVersion`",
            source: "docs/signals.md §4.4"
        ),
        FieldKeySpec(
            key: "sadp.device-type",
            channel: .sadp,
            format: "`DeviceType` (numeric)",
            example: "`141945`",
            source: "docs/signals.md §4.4"
        ),
        FieldKeySpec(
            key: "sadp.detail-oem-code",
            channel: .sadp,
            format: "`DetailOEMCode`",
            example: "`1`",
            source: "docs/signals.md §4.4"
        ),
        FieldKeySpec(
            key: "sadp.mac",
            channel: .sadp,
            format: "`MAC` as sent (dash-separated)",
            example: "`a4-14-37-c7-23-c4`",
            source: "docs/signals.md §4.4"
        ),
        FieldKeySpec(
            key: "ssdp.server",
            channel: .upnp,
            format: "`SERVER` header of an SSDP M-SEARCH answer or NOTIFY (`OS/version UPnP/1.0 product/version`)",
            example: "`Linux, UPnP/1.0, Portable SDK for UPnP devices/1.6.6`",
            source: "Samples/captures (SSDP answers)"
        ),
        FieldKeySpec(
            key: "ssdp.st",
            channel: .upnp,
            format: "`ST` of an M-SEARCH answer, or `NT` of a NOTIFY",
            example: "`upnp:rootdevice`",
            source: "UPnP Device Architecture 1.1 §1.3.3"
        ),
        FieldKeySpec(
            key: "ssdp.usn",
            channel: .upnp,
            format: "`USN` (unique service name, `uuid:…[::type]`)",
            example: "`uuid:Upnp-BasicDevice-1_0-00408CA45086::upnp:rootdevice`",
            source: "UPnP Device Architecture 1.1 §1.3.3"
        ),
        FieldKeySpec(
            key: "ssdp.location",
            channel: .upnp,
            format: "`LOCATION` URL of the device description, as sent",
            example: "`http://10.59.104.28:49152/rootdesc1.xml`",
            source: "UPnP Device Architecture 1.1 §1.3.3"
        ),
        FieldKeySpec(
            key: "upnp.device-type",
            channel: .upnp,
            format: "root `<device>` `deviceType`",
            example: "`urn:schemas-upnp-org:device:Basic:1`",
            source: "UPnP Device Architecture 1.1 §2.3"
        ),
        FieldKeySpec(
            key: "upnp.friendly-name",
            channel: .upnp,
            format: "`friendlyName`",
            example: "`AXIS P3301 - 00408CA45086`",
            source: "Samples/captures/other-makers (Axis description)"
        ),
        FieldKeySpec(
            key: "upnp.manufacturer",
            channel: .upnp,
            format: "`manufacturer`",
            example: "`AXIS`",
            source: "same"
        ),
        FieldKeySpec(
            key: "upnp.manufacturer-url",
            channel: .upnp,
            format: "`manufacturerURL`",
            example: "`http://www.axis.com/`",
            source: "same"
        ),
        FieldKeySpec(
            key: "upnp.model-name",
            channel: .upnp,
            format: "`modelName`",
            example: "`AXIS P3301`",
            source: "same"
        ),
        FieldKeySpec(
            key: "upnp.model-number",
            channel: .upnp,
            format: "`modelNumber`",
            example: "`P3301`",
            source: "same"
        ),
        FieldKeySpec(
            key: "upnp.model-description",
            channel: .upnp,
            format: "`modelDescription`",
            example: "`AXIS P3301 Network Fixed Dome Camera`",
            source: "same"
        ),
        FieldKeySpec(
            key: "upnp.serial-number",
            channel: .upnp,
            format: "`serialNumber`",
            example: "`00408CA45086`",
            source: "same"
        ),
        FieldKeySpec(
            key: "upnp.udn",
            channel: .upnp,
            format: "`UDN` (`uuid:…`)",
            example: "`uuid:Upnp-BasicDevice-1_0-00408CA45086`",
            source: "same"
        ),
        FieldKeySpec(
            key: "upnp.presentation-url",
            channel: .upnp,
            format: "`presentationURL`",
            example: "`http://10.59.104.28:80/`",
            source: "same"
        ),
        FieldKeySpec(
            key: "dhip.method",
            channel: .dhip,
            format: "`method` of a DHIP JSON message (`client.notifyDevInfo`)",
            example: "`client.notifyDevInfo`",
            source: "Samples/captures/dahua-uniview-clones (DHIP answers)"
        ),
        FieldKeySpec(
            key: "dhip.manufacturer",
            channel: .dhip,
            format: "`deviceInfo.Manufacturer`",
            example: "`Intelbras`",
            source: "same"
        ),
        FieldKeySpec(
            key: "dhip.vendor",
            channel: .dhip,
            format: "`deviceInfo.Vendor`",
            example: "`Intelbras`",
            source: "same"
        ),
        FieldKeySpec(
            key: "dhip.device-type",
            channel: .dhip,
            format: "`deviceInfo.DeviceType` (model)",
            example: "`MHDX 1016`",
            source: "same"
        ),
        FieldKeySpec(
            key: "dhip.device-class",
            channel: .dhip,
            format: "`deviceInfo.DeviceClass`",
            example: "`MHDX`",
            source: "same"
        ),
        FieldKeySpec(
            key: "dhip.serial-number",
            channel: .dhip,
            format: "`deviceInfo.SerialNo`",
            example: "`O9RF220012635`",
            source: "same"
        ),
        FieldKeySpec(
            key: "dhip.version",
            channel: .dhip,
            format: "`deviceInfo.Version` (firmware)",
            example: "`3.210.IB01.3`",
            source: "same"
        ),
        FieldKeySpec(
            key: "text.model",
            channel: .text,
            format:
                "a Hikvision model number (`DS-`/`iDS-` and Hikvision's model grammar) stated in free text that no field reader parsed (a log line, a table cell), when no parsed field holds it",
            example: "`DS-KV8201`",
            source: "Samples/captures/hikvision-family/hikvision-log-hikvision-addons-84-01.txt"
        ),
        FieldKeySpec(
            key: "text.serial-number",
            channel: .text,
            format:
                "a serial number in Hikvision's structure (`<model>[channels]yyyymmdd<batch letters><sequence>`) stated in free text, when no parsed field holds it",
            example: "`DS-2CD2143G2-I20210512AAWRG12345678`",
            source: "Samples/captures/hikvision-family (serials in deviceInfo, SADP and logs)"
        ),
        FieldKeySpec(
            key: "mac.oui",
            channel: .mac,
            format: "first three octets, upper-case hex, colon-separated",
            example: "`A4:14:37`",
            source: "docs/signals.md §4.5"
        ),
        FieldKeySpec(
            key: "mac.address",
            channel: .mac,
            format: "full address, lower-case, colon-separated",
            example: "`a4:14:37:c7:23:c4`",
            source: "docs/signals.md §4.5"
        ),
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

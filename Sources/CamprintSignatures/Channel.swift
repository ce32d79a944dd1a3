/// Where an observation was read (docs/field-keys.md, the Channel column).
public enum Channel: String, Hashable, Sendable, Codable, CaseIterable {
    /// RTSP responses (status lines, headers, authentication challenges).
    case rtsp
    /// The SDP body of a DESCRIBE reply, including the Hikvision IMKH media header.
    case sdp
    /// H.264/H.265 parameter sets, SEI messages and NAL unit types.
    case bitstream
    /// HTTP responses of the device's web server.
    case http
    /// Hikvision ISAPI `/ISAPI/System/deviceInfo`.
    case isapi
    /// ONVIF device information, WS-Discovery scopes and SOAP namespaces.
    case onvif
    /// Hikvision SADP discovery (`<ProbeMatch>` on UDP 37020).
    case sadp
    /// Link-layer address of the device.
    case mac
    /// UPnP discovery: SSDP M-SEARCH answers and NOTIFY announcements (UDP 1900) and the UPnP
    /// device description they point to (UPnP Device Architecture 1.1 §1.1.3, §2.3).
    case upnp
    /// Dahua DHIP discovery (`DHDiscover.search` answers on UDP 37810: a 32-byte `DHIP` header,
    /// then JSON `client.notifyDevInfo`).
    case dhip
    /// Identifiers stated in free text outside any document a field reader parses (a log line
    /// naming the device's model or serial number).
    case text
}

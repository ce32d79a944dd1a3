/// What a file of saved evidence turned out to be, decided from its content (the name only
/// breaks ties, e.g. `.h265` for a raw NAL unit whose header is ambiguous).
public enum EvidenceKind: String, Hashable, Sendable, Encodable {
    /// RTSP messages: a saved response, a transcript, a client's debug log.
    case rtspText = "rtsp-text"
    /// A bare session description.
    case sdp
    /// An Annex B elementary stream (`.h264`, `.h265`).
    case annexB = "annex-b"
    /// One NAL unit without a start code (`.nal`).
    case nalUnit = "nal-unit"
    /// A Hikvision IMKH header, possibly followed by the stream it introduces.
    case imkh
    /// ISO-BMFF bytes holding an `avcC` or `hvcC` box (a sample entry, an MP4 header).
    case decoderConfiguration = "decoder-configuration"
    /// A media container FFmpeg reads (`camprint probe FILE` inspects those).
    case mediaContainer = "media-container"
    /// An FFmpeg/ffprobe `-v debug`/`-v trace` log (`[rtsp @ 0x…] line='…'`).
    case ffmpegLog = "ffmpeg-log"
    /// HTTP responses in conversation text (`curl -v`, "Follow TCP Stream").
    case httpText = "http-text"
    /// ISAPI `deviceInfo`, ONVIF `GetDeviceInformation`, WS-Discovery or SADP `ProbeMatch` (XML, JSON, key-value).
    case deviceDocument = "device-document"
    /// Raw RTCP compound packets (SR/RR + SDES).
    case rtcp
    case unknown
}

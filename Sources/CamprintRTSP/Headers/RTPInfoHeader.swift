public import CamprintWire

/// `RTP-Info`, RFC 2326 §12.33 (RFC 7826 §18.45 adds `ssrc`): per stream, the URL and the RTP
/// sequence number and timestamp of the first packet after PLAY.
public struct RTPInfoHeader: Hashable, Sendable, Encodable {
    public struct Stream: Hashable, Sendable, Encodable {
        public var url: String?
        public var seq: Int?
        public var rtptime: UInt32?
        public var ssrc: SSRCValue?
        /// Every parameter in order.
        public var parameters: [RTSPParameter]
        /// The stream ended with `;` (Laureii `…;rtptime=0;`).
        public var hasTrailingSemicolon: Bool
    }

    public var streams: [Stream]
    public var quirks: [Quirk]

    public init(parsing rawValue: String, limits: RTSPLimits = .default) {
        var quirks = QuirkCollector(limit: limits.maxQuirks)
        // A comma starts a new stream only when `url=` follows; URLs may contain commas.
        var groups: [ArraySlice<UInt8>] = []
        let raw = HeaderSyntax.bytes(rawValue)
        for piece in HeaderSyntax.split(raw, on: UInt8(ascii: ","), limit: limits.maxListItems * 4) {
            let startsStream = ASCII.trimmed(piece).prefix(4).elementsEqual("url=".utf8)
            if let last = groups.last, !startsStream {
                groups[groups.count - 1] = raw[last.startIndex..<piece.endIndex]
            } else if groups.count < limits.maxListItems {
                groups.append(piece)
            }
        }
        streams = groups.map { group in
            let trimmed = ASCII.trimmed(group)
            var pieces = HeaderSyntax.split(trimmed, on: UInt8(ascii: ";"), limit: limits.maxListItems + 1)
            let trailing = pieces.count > 1 && (pieces.last.map { ASCII.trimmed($0).isEmpty } ?? false)
            if trailing {
                pieces.removeLast()
                quirks.add(RTSPQuirkCodes.rtpInfoTrailingSemicolon, Excerpt.make(trimmed.suffix(24)))
            }
            var stream = Stream(parameters: [], hasTrailingSemicolon: trailing)
            for piece in pieces where !ASCII.trimmed(piece).isEmpty {
                let parameter = HeaderSyntax.parameter(piece)
                stream.parameters.append(parameter)
                let value = parameter.value ?? ""
                switch parameter.name.lowercased() {
                case "url": stream.url = value
                case "seq":
                    stream.seq = ASCII.parseDecimal(Array(value.utf8), maxDigits: 5)
                    if stream.seq == nil { quirks.add(RTSPQuirkCodes.rtpInfoBadNumber, "seq=\(value)") }
                case "rtptime":
                    stream.rtptime = ASCII.parseDecimal(Array(value.utf8), maxDigits: 10).flatMap(UInt32.init(exactly:))
                    if stream.rtptime == nil { quirks.add(RTSPQuirkCodes.rtpInfoBadNumber, "rtptime=\(value)") }
                case "ssrc":
                    stream.ssrc = SSRCValue(
                        parsing: value,
                        quirks: &quirks,
                        decimalCode: RTSPQuirkCodes.rtpInfoSSRCDecimal
                    )
                default: break
                }
            }
            if stream.url == nil { quirks.add(RTSPQuirkCodes.rtpInfoMissingURL, Excerpt.make(trimmed)) }
            return stream
        }
        self.quirks = quirks.quirks
    }
}

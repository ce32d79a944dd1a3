import CamprintWire

/// One transport specification of a `Transport` header, RFC 2326 §12.39:
/// `transport-protocol "/" profile ["/" lower-transport] *(";" parameter)`.
public struct TransportSpec: Hashable, Sendable, Encodable {
    /// A port or channel pair `first[-last]`.
    public struct Range: Hashable, Sendable, Encodable {
        public var first: Int
        public var last: Int?

        public init(first: Int, last: Int?) {
            self.first = first
            self.last = last
        }
    }

    public enum Delivery: String, Hashable, Sendable, Encodable {
        case unicast, multicast
    }

    /// `RTP/AVP/TCP` as sent.
    public var transport: String
    /// `RTP`.
    public var transportProtocol: String
    /// `AVP`.
    public var profile: String?
    /// `TCP` or `UDP` when given.
    public var lowerTransport: String?
    public var delivery: Delivery?
    public var clientPort: Range?
    public var serverPort: Range?
    public var interleaved: Range?
    public var ssrc: SSRCValue?
    /// `mode` without quotes, case kept (`play`, `PLAY`).
    public var mode: String?
    /// Whether `mode` was quoted (`mode="play"`); RFC 2326 allows both.
    public var modeIsQuoted: Bool
    /// Every parameter in order, including the ones above.
    public var parameters: [RTSPParameter]

    init(parsing piece: ArraySlice<UInt8>, limits: RTSPLimits, quirks: inout QuirkCollector) {
        let pieces = HeaderSyntax.split(piece, on: UInt8(ascii: ";"), limit: limits.maxListItems + 1)
        let head = ASCII.trimmed(pieces.first ?? piece)
        transport = ASCII.string(head)
        let names = head.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { ASCII.string($0) }
        transportProtocol = names.first ?? ""
        profile = names.count > 1 ? names[1] : nil
        lowerTransport = names.count > 2 ? names[2] : nil
        delivery = nil
        clientPort = nil
        serverPort = nil
        interleaved = nil
        ssrc = nil
        mode = nil
        modeIsQuoted = false
        parameters = []
        for raw in pieces.dropFirst() {
            if ASCII.trimmed(raw).isEmpty {
                quirks.add(RTSPQuirkCodes.transportEmptyParameter, Excerpt.make(piece))
                continue
            }
            let parameter = HeaderSyntax.parameter(raw)
            parameters.append(parameter)
            let value = parameter.value ?? ""
            switch parameter.name.lowercased() {
            case "unicast": delivery = .unicast
            case "multicast": delivery = .multicast
            case "client_port": clientPort = Self.range(value, code: RTSPQuirkCodes.transportBadPort, quirks: &quirks)
            case "server_port": serverPort = Self.range(value, code: RTSPQuirkCodes.transportBadPort, quirks: &quirks)
            case "interleaved":
                interleaved = Self.range(value, code: RTSPQuirkCodes.transportBadInterleaved, quirks: &quirks)
            case "ssrc":
                // The raw text after `=` keeps the leading space that the trimmed value drops.
                let text = raw.firstIndex(of: UInt8(ascii: "=")).map { ASCII.string(raw[($0 + 1)...]) } ?? value
                ssrc = SSRCValue(parsing: text, quirks: &quirks, decimalCode: RTSPQuirkCodes.ssrcDecimal)
            case "mode":
                mode = parameter.value
                modeIsQuoted = parameter.isQuoted
            default: break
            }
        }
    }

    private static func range(_ text: String, code: String, quirks: inout QuirkCollector) -> Range? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = ASCII.parseDecimal(Array(parts[0].utf8), maxDigits: 5) else {
            quirks.add(code, text)
            return nil
        }
        guard parts.count == 2 else { return Range(first: first, last: nil) }
        guard let last = ASCII.parseDecimal(Array(parts[1].utf8), maxDigits: 5) else {
            quirks.add(code, text)
            return Range(first: first, last: nil)
        }
        return Range(first: first, last: last)
    }
}

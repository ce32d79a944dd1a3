public import CamprintWire

/// One challenge of a `WWW-Authenticate` header, RFC 2326 §12.44 with the syntax of RFC 2617 §1.2
/// and §3.2.1 (Digest) and §2 (Basic).
///
/// Hikvision sends `Digest realm="IP Camera(C2875)", nonce="…", stale="FALSE"`: `stale` quoted
/// although RFC 2617 defines it as a token. Every parameter is kept in order with whether it was
/// quoted, so such habits can be matched.
public struct AuthenticateChallenge: Hashable, Sendable, Encodable {
    /// `Digest`, `Basic`, case kept.
    public var scheme: String
    /// Every `name=value` in order.
    public var parameters: [RTSPParameter]
    public var realm: String?
    public var nonce: String?
    public var algorithm: String?
    /// `qop` split on commas (`auth,auth-int`).
    public var qop: [String]
    public var opaque: String?
    /// `stale` read case-insensitively as `true`/`false`.
    public var stale: Bool?
    public var domain: String?
    public var quirks: [Quirk]

    public init(scheme: String, parameters: [RTSPParameter], quirks: [Quirk] = []) {
        self.scheme = scheme
        self.parameters = parameters
        func value(_ name: String) -> String? { parameters.first { $0.hasName(name) }?.value }
        realm = value("realm")
        nonce = value("nonce")
        algorithm = value("algorithm")
        qop = value("qop").map { $0.split(separator: ",").map { String($0).trimmingSpaces } } ?? []
        opaque = value("opaque")
        stale = value("stale").flatMap { text in
            switch text.lowercased() {
            case "true": true
            case "false": false
            default: nil
            }
        }
        domain = value("domain")
        var collected = QuirkCollector()
        collected.add(contentsOf: quirks)
        for parameter in parameters where parameter.isQuoted {
            if parameter.hasName("stale") {
                collected.add(RTSPQuirkCodes.authenticateStaleQuoted, parameter.value ?? "")
            }
            if parameter.hasName("algorithm") {
                collected.add(RTSPQuirkCodes.authenticateAlgorithmQuoted, parameter.value ?? "")
            }
        }
        self.quirks = collected.quirks
    }

    /// The first challenge in `rawValue`, or `nil` when there is no scheme.
    public init?(parsing rawValue: String, limits: RTSPLimits = .default) {
        guard let first = Self.parseAll(rawValue, limits: limits).first else { return nil }
        self = first
    }

    /// Every challenge in `rawValue` (one header may list several: `Digest …, Basic realm="…"`).
    public static func parseAll(_ rawValue: String, limits: RTSPLimits = .default) -> [AuthenticateChallenge] {
        var scanner = Scanner(bytes: Array(rawValue.utf8))
        var challenges: [AuthenticateChallenge] = []
        var scheme: String?
        var parameters: [RTSPParameter] = []
        var quirks = QuirkCollector(limit: limits.maxQuirks)
        func flush() {
            if let scheme {
                challenges.append(AuthenticateChallenge(scheme: scheme, parameters: parameters, quirks: quirks.quirks))
            }
            parameters = []
            quirks = QuirkCollector(limit: limits.maxQuirks)
        }
        while challenges.count < limits.maxListItems {
            scanner.skipSpaces()
            if scanner.peek() == UInt8(ascii: ",") {
                scanner.index += 1
                if let next = scanner.peek(), !ASCII.isSpace(next), scheme != nil {
                    quirks.add(RTSPQuirkCodes.authenticateNoSpaceAfterComma)
                }
                continue
            }
            guard !scanner.isAtEnd else { break }
            let token = scanner.token()
            guard !token.isEmpty else {
                quirks.add(RTSPQuirkCodes.authenticateBadParameter, Excerpt.make(scanner.bytes[scanner.index...]))
                scanner.skipUntilComma()
                continue
            }
            let afterToken = scanner.index
            scanner.skipSpaces()
            if scanner.peek() == UInt8(ascii: "="), scheme != nil {
                scanner.index += 1
                scanner.skipSpaces()
                let (value, quoted) = scanner.value(quirks: &quirks)
                if parameters.count < limits.maxListItems {
                    parameters.append(RTSPParameter(name: ASCII.string(token), value: value, isQuoted: quoted))
                }
            } else {
                // A token not followed by `=` starts a new challenge.
                scanner.index = afterToken
                flush()
                scheme = ASCII.string(token)
            }
        }
        flush()
        return challenges
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index >= bytes.count }
        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpaces() {
            while index < bytes.count, ASCII.isSpace(bytes[index]) || bytes[index] == 0x0D || bytes[index] == 0x0A {
                index += 1
            }
        }

        mutating func skipUntilComma() {
            while index < bytes.count, bytes[index] != UInt8(ascii: ",") { index += 1 }
        }

        mutating func token() -> ArraySlice<UInt8> {
            let start = index
            while index < bytes.count, RTSPMessageParser.isTokenByte(bytes[index]) { index += 1 }
            return bytes[start..<index]
        }

        /// A quoted-string (backslash escapes removed) or a token-ish run up to `,` or space.
        mutating func value(quirks: inout QuirkCollector) -> (String, Bool) {
            guard peek() == UInt8(ascii: "\"") else {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), !ASCII.isSpace(bytes[index]) {
                    index += 1
                }
                return (ASCII.string(bytes[start..<index]), false)
            }
            index += 1
            var output: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return (ASCII.string(output), true) }
                if byte == UInt8(ascii: "\\"), index < bytes.count {
                    output.append(bytes[index])
                    index += 1
                } else {
                    output.append(byte)
                }
            }
            quirks.add(RTSPQuirkCodes.authenticateUnterminatedQuote, Excerpt.make(output))
            return (ASCII.string(output), true)
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        ASCII.string(ASCII.trimmed(Array(utf8)[...]))
    }
}

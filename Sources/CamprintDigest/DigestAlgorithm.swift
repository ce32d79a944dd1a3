import Crypto

/// RFC 7616 §3.3 `algorithm`: the hash of a Digest challenge, with its `-sess` variant.
public enum DigestAlgorithm: String, Hashable, Sendable, Encodable, CaseIterable {
    case md5 = "MD5"
    case md5Session = "MD5-sess"
    case sha256 = "SHA-256"
    case sha256Session = "SHA-256-sess"

    /// The algorithm named in a challenge; RFC 7616 §3.3: absent means MD5. `nil` for hashes we
    /// do not implement (SHA-512-256).
    public init?(challengeValue: String?) {
        guard let value = challengeValue else {
            self = .md5
            return
        }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) else {
            return nil
        }
        self = match
    }

    public var isSession: Bool { self == .md5Session || self == .sha256Session }

    /// Lowercase hex of the hash of `text` (UTF-8).
    public func hash(_ text: String) -> String {
        let digest: [UInt8]
        switch self {
        case .md5, .md5Session: digest = Array(Insecure.MD5.hash(data: Array(text.utf8)))
        case .sha256, .sha256Session: digest = Array(SHA256.hash(data: Array(text.utf8)))
        }
        let hex = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(digest.count * 2)
        for byte in digest {
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

import Foundation

/// Digest nonces in a persona's HTTP style.
enum HTTPNonce {
    static func make(_ style: HTTPNonceStyle, now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        func hex(_ count: Int) -> String {
            (0..<count).map { _ in hex2(UInt8.random(in: 0...255, using: &generator)) }.joined()
        }
        switch style {
        case .hex32: return hex(16)
        case .HEX32: return hex(16).uppercased()
        case .decimal: return String(UInt64.random(in: 1_000_000_000...9_999_999_999, using: &generator))
        case .hexBase64:
            let base64 = Data("\(hex(4)):\(hex(4))".utf8).base64EncodedString()
            return base64.utf8.map(hex2).joined()
        case .hex32Time: return hex(16) + ":" + String(Int(now.timeIntervalSince1970))
        }
    }
}

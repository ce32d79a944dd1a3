import Crypto
import Foundation

/// WS-Security UsernameToken PasswordDigest (OASIS WSS UsernameToken Profile 1.0 §3.1, used by
/// ONVIF Core §5.12.2): `Base64(SHA-1(nonce + created + password))`, with `Created` checked
/// against the camera's clock.
enum WSSecurity {
    static let passwordDigestType =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest"

    /// How far `Created` may be from the camera's clock, in seconds.
    static let allowedSkew: TimeInterval = 300

    enum Outcome: Equatable {
        case missing
        case accepted
        case rejected(user: String)
    }

    static func passwordDigest(nonce: [UInt8], created: String, password: String) -> String {
        let digest = Insecure.SHA1.hash(data: nonce + Array(created.utf8) + Array(password.utf8))
        return Data(digest).base64EncodedString()
    }

    static func check(_ request: SOAPRequest, credentials: Credentials, now: Date) -> Outcome {
        guard let user = request.username else { return .missing }
        guard user == credentials.user, let password = request.password, let created = request.created,
            let nonceText = request.nonce, let nonce = Data(base64Encoded: nonceText),
            request.passwordType == passwordDigestType,
            let createdDate = parseTime(created), abs(createdDate.timeIntervalSince(now)) <= allowedSkew
        else { return .rejected(user: user) }
        let expected = passwordDigest(nonce: Array(nonce), created: created, password: credentials.password)
        return expected == password ? .accepted : .rejected(user: user)
    }

    /// `2024-05-01T12:00:00Z`, with or without fractional seconds.
    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

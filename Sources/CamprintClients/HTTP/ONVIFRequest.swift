import CamprintWire
import Crypto

/// ONVIF Device service requests (ONVIF Core Specification §8), SOAP 1.2 envelopes.
public enum ONVIFRequest {
    /// The Device service operations the probe asks for.
    public enum Operation: String, Hashable, Sendable, CaseIterable {
        case getSystemDateAndTime = "GetSystemDateAndTime"
        case getDeviceInformation = "GetDeviceInformation"
        case getNetworkInterfaces = "GetNetworkInterfaces"
        case getScopes = "GetScopes"
    }

    static let deviceNamespace = "http://www.onvif.org/ver10/device/wsdl"

    /// The envelope for `operation`, with a WS-Security header when `security` is given.
    public static func envelope(_ operation: Operation, security: WSSecurityUsernameToken? = nil) -> String {
        let header = security.map { "<s:Header>\($0.xml)</s:Header>" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>\
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:tds="\(deviceNamespace)">\(header)<s:Body><tds:\(operation.rawValue)/></s:Body></s:Envelope>
            """
    }

    /// The HTTP request: SOAP 1.2 media type with the `action` parameter (RFC 3902).
    public static func message(
        _ operation: Operation,
        path: String,
        security: WSSecurityUsernameToken? = nil
    ) -> HTTPRequestMessage {
        HTTPRequestMessage(
            method: "POST",
            target: path,
            headers: [
                HTTPHeaderField(
                    name: "Content-Type",
                    value: "application/soap+xml; charset=utf-8; action=\"\(deviceNamespace)/\(operation.rawValue)\""
                )
            ],
            body: Array(envelope(operation, security: security).utf8)
        )
    }
}

/// OASIS WSS UsernameToken Profile 1.0 §3.1 with `PasswordDigest`:
/// `Base64(SHA-1(nonce + created + password))`, where `nonce` is the raw bytes and `created` is
/// the camera's time (ONVIF Core §5.12.2: the device rejects a `Created` far from its clock).
public struct WSSecurityUsernameToken: Hashable, Sendable {
    public var username: String
    public var nonce: [UInt8]
    /// `xs:dateTime` in UTC, `YYYY-MM-DDThh:mm:ssZ`.
    public var created: String
    public var passwordDigest: String

    public init(username: String, password: String, nonce: [UInt8], created: String) {
        self.username = username
        self.nonce = nonce
        self.created = created
        self.passwordDigest = Self.digest(nonce: nonce, created: created, password: password)
    }

    public static func digest(nonce: [UInt8], created: String, password: String) -> String {
        Base64.encode(Array(Insecure.SHA1.hash(data: nonce + Array(created.utf8) + Array(password.utf8))))
    }

    /// 16 random bytes.
    public static func randomNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    var xml: String {
        let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
        let wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
        let profile = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
        let soapSecurity = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0"
        return """
            <wsse:Security s:mustUnderstand="1" xmlns:wsse="\(wsse)" xmlns:wsu="\(wsu)"><wsse:UsernameToken>\
            <wsse:Username>\(Self.escaped(username))</wsse:Username>\
            <wsse:Password Type="\(profile)#PasswordDigest">\(passwordDigest)</wsse:Password>\
            <wsse:Nonce EncodingType="\(soapSecurity)#Base64Binary">\(Base64.encode(nonce))</wsse:Nonce>\
            <wsu:Created>\(created)</wsu:Created></wsse:UsernameToken></wsse:Security>
            """
    }

    /// XML character data with `&`, `<`, `>` and quotes escaped.
    static func escaped(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.append(character)
            }
        }
        return output
    }
}

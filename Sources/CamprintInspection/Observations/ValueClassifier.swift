import CamprintRTSP
import CamprintWire

/// Closed-vocabulary classifications of observed values (docs/field-keys.md).
enum ValueClassifier {
    // Patterns built once: a regex literal is parsed again each time it is evaluated, and these
    // run for every probe (the agent classifies thousands of values a minute).
    nonisolated(unsafe) static let ipCameraRealm = /IP Camera\([0-9A-Za-z]{4,10}\)/
    nonisolated(unsafe) static let vendorMACRealm = /[A-Za-z]+(?:_WS)?_[0-9A-Fa-f]{12}/
    nonisolated(unsafe) static let hexColonDecimal = /[0-9a-fA-F]+:[0-9]+/
    nonisolated(unsafe) static let base64Text = /[A-Za-z0-9+\/]+={0,2}/
    nonisolated(unsafe) static let hexColonHex = /[0-9a-fA-F]+:[0-9a-fA-F]+/

    static func isHex(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy(\.isHexDigit) }

    /// `rtsp.auth.realm-format`.
    static func realmFormat(_ realm: String) -> String {
        if realm.wholeMatch(of: ipCameraRealm) != nil { return "ip-camera-code" }
        if realm.count == 12, isHex(realm[...]) {
            if realm.allSatisfy({ !$0.isLetter || $0.isLowercase }) { return "mac-hex-lower" }
            if realm.allSatisfy({ !$0.isLetter || $0.isUppercase }) { return "mac-hex-upper" }
        }
        if realm.hasPrefix("Login to ") { return "login-to-serial" }
        if realm.wholeMatch(of: vendorMACRealm) != nil { return "vendor-mac" }
        return "text"
    }

    /// Parameters of a Digest challenge that RFC 2617 §3.2.1 and RFC 7616 §3.3 do not define
    /// (`random` on Hikvision firmware), lowercase, in order; tokens only, at most 4.
    static func digestExtensionParameters(_ challenge: AuthenticateChallenge) -> [String] {
        let defined: Set<String> = [
            "realm", "domain", "nonce", "opaque", "stale", "algorithm", "qop", "charset", "userhash",
        ]
        var names: [String] = []
        for parameter in challenge.parameters {
            let name = parameter.name.lowercased()
            guard !defined.contains(name), !names.contains(name), name.count <= 32,
                name.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "_" })
            else { continue }
            names.append(name)
        }
        return Array(names.prefix(4))
    }

    /// The MAC address a realm carries (`a41437c723c4`), lowercase colon-separated.
    static func macFromRealm(_ realm: String) -> String? {
        let format = realmFormat(realm)
        let hex: Substring
        if format == "mac-hex-lower" || format == "mac-hex-upper" {
            hex = realm[...]
        } else if format == "vendor-mac" {
            hex = realm.suffix(12)
        } else {
            return nil
        }
        return normalizedMAC(String(hex))
    }

    /// The node field of a version-1 (time-based) UUID, which RFC 4122 §4.1.6 fills with the
    /// host's MAC address: Hikvision deviceIDs and ONVIF endpoint references are such UUIDs
    /// (`…-11b4-82c8-c06ded544d95`). Random (version 4) UUIDs carry no MAC and give nil.
    static func macFromUUID(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 36 else { return nil }
        var start = 0
        while start + 36 <= bytes.count {
            let candidate = bytes[start..<(start + 36)]
            if isUUID(candidate) {
                let version = candidate[candidate.startIndex + 14]
                guard version == UInt8(ascii: "1") else { return nil }
                return normalizedMAC(String(decoding: candidate.suffix(12), as: UTF8.self))
            }
            start += 1
        }
        return nil
    }

    private static func isUUID(_ bytes: ArraySlice<UInt8>) -> Bool {
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !Character(UnicodeScalar(byte)).isHexDigit {
                return false
            }
        }
        return true
    }

    /// Every version-1 UUID's MAC in free text (bounded: the first 16).
    static func macsFromUUIDs(in text: String) -> [String] {
        var macs: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index + 36 <= bytes.count, macs.count < 16 {
            // A UUID's first dash sits 8 bytes in; look only where one could start.
            if bytes[index + 8] == UInt8(ascii: "-"), isUUID(bytes[index..<(index + 36)]),
                index == 0 || !Character(UnicodeScalar(bytes[index - 1])).isHexDigit
            {
                if bytes[index + 14] == UInt8(ascii: "1"),
                    let mac = normalizedMAC(String(decoding: bytes[(index + 24)..<(index + 36)], as: UTF8.self)),
                    !macs.contains(mac)
                {
                    macs.append(mac)
                }
                index += 36
                continue
            }
            index += 1
        }
        return macs
    }

    /// `aa:bb:cc:dd:ee:ff` from any of `AA-BB-…`, `aabb.ccdd.eeff`, `aabbccddeeff`.
    static func normalizedMAC(_ text: String) -> String? { MACAddress.normalized(text) }

    /// The one MAC address free text states, written `aa:bb:cc:dd:ee:ff` or `aa-bb-cc-dd-ee-ff`
    /// (a client's log naming the device: `Error setting up entry DS-HD1 - 80:91:33:88:7c:49`), or
    /// nil when the text holds none or several (then whose is whose cannot be told). Group and
    /// locally administered addresses are no device's OUI and do not count.
    static func singleMAC(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var found: String?
        var index = 0
        while index + 17 <= bytes.count {
            let separator = bytes[index + 2]
            guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "-"),
                index == 0 || !isMACByte(bytes[index - 1]),
                // After it: the end, or no MAC character (a `:` ending a phrase is fine).
                index + 17 == bytes.count || !isMACByte(bytes[index + 17])
                    || (!isHexByte(bytes[index + 17]) && (index + 18 == bytes.count || !isMACByte(bytes[index + 18]))),
                (0..<6).allSatisfy({ group in
                    let at = index + group * 3
                    return isHexByte(bytes[at]) && isHexByte(bytes[at + 1])
                        && (group == 5 || bytes[at + 2] == separator)
                })
            else {
                index += 1
                continue
            }
            if let mac = normalizedMAC(String(decoding: bytes[index..<(index + 17)], as: UTF8.self)),
                let first = UInt8(mac.prefix(2), radix: 16), first & 0x03 == 0
            {
                if let found, found != mac { return nil }
                found = mac
            }
            index += 17
        }
        return found
    }

    private static func isHexByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    private static func isMACByte(_ byte: UInt8) -> Bool {
        isHexByte(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
    }

    /// `rtsp.auth.nonce-style` / `http.auth.nonce-style` (`hex-of-base64` only when `http`).
    static func nonceStyle(_ nonce: String, http: Bool = false) -> String {
        let lower = nonce.allSatisfy { !$0.isLetter || $0.isLowercase }
        let upper = nonce.allSatisfy { !$0.isLetter || $0.isUppercase }
        if http, isHexOfBase64(nonce) { return "hex-of-base64" }
        if nonce.wholeMatch(of: hexColonDecimal) != nil { return "hex-colon-decimal" }
        if !nonce.isEmpty, nonce.allSatisfy(\.isNumber) { return "decimal" }
        if isHex(nonce[...]) {
            if nonce.count == 32 { return lower ? "32-lower-hex" : upper ? "32-upper-hex" : "other" }
            return lower ? "lower-hex" : upper ? "upper-hex" : "other"
        }
        if nonce.wholeMatch(of: base64Text) != nil, nonce.count % 4 == 0 { return "base64" }
        return "other"
    }

    /// Hikvision web server nonce: hex of the ASCII base64 of `"<hex>:<hex>"` (docs/signals.md §4.1).
    static func isHexOfBase64(_ nonce: String) -> Bool {
        guard nonce.count >= 16, nonce.count % 2 == 0, isHex(nonce[...]) else { return false }
        var ascii: [UInt8] = []
        var index = nonce.startIndex
        while index < nonce.endIndex {
            let next = nonce.index(index, offsetBy: 2)
            guard let byte = UInt8(nonce[index..<next], radix: 16) else { return false }
            ascii.append(byte)
            index = next
        }
        let text = String(decoding: ascii, as: UTF8.self)
        guard text.wholeMatch(of: base64Text) != nil,
            let decoded = decodeBase64(text)
        else { return false }
        return decoded.wholeMatch(of: hexColonHex) != nil
    }

    private static func decodeBase64(_ text: String) -> String? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var buffer = 0
        var bits = 0
        var output: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `0x%04X`.
    static func hex16(_ value: UInt16) -> String { "0x" + pad(String(value, radix: 16, uppercase: true), 4) }
    /// `0x%08X`.
    static func hex32(_ value: UInt32) -> String { "0x" + pad(String(value, radix: 16, uppercase: true), 8) }
    /// `0x%02X`.
    static func hex8(_ value: UInt8) -> String { "0x" + pad(String(value, radix: 16, uppercase: true), 2) }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

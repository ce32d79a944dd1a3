/// Hikvision model numbers and serial numbers stated in free text: a log line that names the
/// device it talks to (`Received reboot command for doorbell: DS-KV8201`), a client's summary of a
/// deviceInfo it read, a table cell. Text of no document shape reaches no field reader, so these
/// tokens are read on their own (docs/field-keys.md `text.model`, `text.serial-number`).
///
/// A token is `DS-` or `iDS-` (upper case, not preceded by a letter, digit or `-`), then at least
/// four model characters (`A-Z`, `0-9`, `( ) / + -`) of which one in the first four is a digit:
/// Hikvision's model grammar (`DS-2CD2143G2-I`, `DS-7608NI-K2/8P`, `DS-KV8201`,
/// `iDS-7204HUHI-M1(A)/S(C)`; docs/signals.md §4.2). A token holding a manufacturing date and a
/// batch after the model (`<model>[channels]yyyymmdd<4+ letters><sequence>`, the structure of
/// every serial in Samples/captures/hikvision-family) is a serial number.
enum TextIdentifiers {
    struct Found: Equatable, Sendable {
        var models: [String] = []
        var serialNumbers: [String] = []
    }

    /// At most this many of each kind, each at most `maximumLength` bytes.
    static let maximumCount = 8
    static let maximumLength = 64

    static func scan(_ bytes: [UInt8]) -> Found {
        var found = Found()
        var index = 0
        while index + 7 < bytes.count, found.models.count + found.serialNumbers.count < 2 * maximumCount {
            guard bytes[index] == UInt8(ascii: "D"), bytes[index + 1] == UInt8(ascii: "S"),
                bytes[index + 2] == UInt8(ascii: "-")
            else {
                index += 1
                continue
            }
            var start = index
            if start > 0, bytes[start - 1] == UInt8(ascii: "i") { start -= 1 }
            if start > 0, isWordByte(bytes[start - 1]) {
                index += 3
                continue
            }
            var end = index + 3
            while end < bytes.count, isTokenByte(bytes[end]), end - start <= maximumLength { end += 1 }
            defer { index = end }
            guard end - start <= maximumLength else { continue }
            let token = trimmed(bytes[start..<end])
            let body = Array(token.drop { $0 != UInt8(ascii: "-") }.dropFirst())
            guard body.count >= 4, body.prefix(4).contains(where: isDigit) else { continue }
            let text = String(decoding: token, as: UTF8.self)
            if isSerialNumber(body) {
                if found.serialNumbers.count < maximumCount, !found.serialNumbers.contains(text) {
                    found.serialNumbers.append(text)
                }
            } else if found.models.count < maximumCount, !found.models.contains(text) {
                found.models.append(text)
            }
        }
        return found
    }

    /// The token without what ends the sentence around it: trailing `-`, `/`, `+`, and a `)` that
    /// closes a parenthesis opened before the token (`(DS-2CD2143G2-I)`).
    static func trimmed(_ token: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var token = token
        while let last = token.last {
            if last == UInt8(ascii: "-") || last == UInt8(ascii: "/") || last == UInt8(ascii: "+") {
                token = token.dropLast()
            } else if last == UInt8(ascii: ")"),
                token.count { $0 == UInt8(ascii: ")") } > token.count { $0 == UInt8(ascii: "(") }
            {
                token = token.dropLast()
            } else {
                break
            }
        }
        return token
    }

    /// A date `20yymmdd` after at least four model bytes, then four or more upper-case letters,
    /// then at least five letters or digits.
    static func isSerialNumber(_ body: [UInt8]) -> Bool {
        var index = 4
        while index + 8 + 4 + 5 <= body.count {
            if isDate(body[index..<(index + 8)]) {
                var letters = index + 8
                while letters < body.count, isUpper(body[letters]) { letters += 1 }
                if letters - (index + 8) >= 4, body.count - letters >= 5,
                    body[letters...].allSatisfy({ isDigit($0) || isUpper($0) })
                {
                    return true
                }
            }
            index += 1
        }
        return false
    }

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.allSatisfy(isDigit) else { return false }
        let digits = bytes.map { Int($0 - UInt8(ascii: "0")) }
        let year = digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        return digits[0] == 2 && digits[1] == 0 && year <= 39 && (1...12).contains(month) && (1...31).contains(day)
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || isUpper(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "+")
    }

    /// What may not stand right before a token: it would be part of another word (`ADS-1`,
    /// `x-DS-2`, `a/DS-1`).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || (byte >= 0x61 && byte <= 0x7A) }
}

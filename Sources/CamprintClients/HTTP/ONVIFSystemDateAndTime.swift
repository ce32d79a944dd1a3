import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The camera's UTC clock from a `GetSystemDateAndTimeResponse` (ONVIF Core §8.3.9:
/// `SystemDateAndTime/UTCDateTime/{Date/{Year,Month,Day},Time/{Hour,Minute,Second}}`), read by
/// local name whatever the prefixes.
public struct ONVIFSystemDateAndTime: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Why a document was not read.
    public enum Failure: Error, Hashable, Sendable {
        /// A DTD or entity declaration (refused before parsing: no entity expansion).
        case documentTypeDeclaration
        case invalidXML(String)
        case noUTCDateTime
    }

    /// Documents larger than this are not parsed.
    public static let maximumBytes = 256 << 10

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> ONVIFSystemDateAndTime {
        try XMLSafety.check(bytes)
        guard bytes.count <= maximumBytes else { throw .invalidXML("larger than \(maximumBytes) bytes") }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let reader = Reader()
        parser.delegate = reader
        let parsed = parser.parse()
        guard parsed, reader.failure == nil, reader.depth == 0, reader.elements > 0 else {
            let reason = reader.failure ?? parser.parserError.map { String(describing: $0) } ?? "not well-formed"
            throw .invalidXML(String(reason.prefix(120)))
        }
        let values = reader.values
        guard let year = values["Year"], let month = values["Month"], let day = values["Day"],
            let hour = values["Hour"], let minute = values["Minute"], let second = values["Second"],
            (1970...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { throw .noUTCDateTime }
        return ONVIFSystemDateAndTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Seconds since 1970-01-01T00:00:00Z (proleptic Gregorian, days from civil).
    public var secondsSince1970: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// `xs:dateTime` UTC text for a time in seconds since 1970.
    public static func xsDateTime(secondsSince1970 seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil from days (H. Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(two(secondOfDay / 3_600)):\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60))"
        return "\(year)-\(two(month))-\(two(day))T\(time)Z"
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var values: [String: Int] = [:]
        private var path: [String] = []
        private var text = ""
        private(set) var elements = 0
        private(set) var failure: String?

        var depth: Int { path.count }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if failure == nil { failure = String(describing: parseError) }
        }

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements += 1
            if elements > 10_000 || path.count > 64 {
                parser.abortParsing()
                return
            }
            path.append(Self.localName(elementName))
            text = ""
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            let name = Self.localName(elementName)
            if path.last != name, failure == nil { failure = "</\(name)> closes <\(path.last ?? "")>" }
            if path.contains("UTCDateTime"), values[name] == nil,
                let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                values[name] = value
            }
            text = ""
            _ = path.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if text.utf8.count < 64 { text += string }
        }

        static func localName(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }
    }
}

/// Refuses XML with a document type declaration or entity declaration before any parser sees
/// it (no entity expansion, no external entities).
public enum XMLSafety {
    public static func check(_ bytes: [UInt8]) throws(ONVIFSystemDateAndTime.Failure) {
        if containsCaseInsensitive(bytes, "<!DOCTYPE") || containsCaseInsensitive(bytes, "<!ENTITY") {
            throw .documentTypeDeclaration
        }
    }

    public static func isSafe(_ bytes: [UInt8]) -> Bool {
        (try? check(bytes)) != nil
    }

    /// For evidence (HTML login pages as well as XML): no entity declaration, and no document
    /// type declaration other than HTML5's `<!DOCTYPE html>`.
    public static func isSafeEvidence(_ bytes: [UInt8]) -> Bool {
        if containsCaseInsensitive(bytes, "<!ENTITY") { return false }
        let doctypes = occurrences(bytes, "<!DOCTYPE")
        let html = occurrences(bytes, "<!DOCTYPE HTML>")
        return doctypes == html
    }

    static func occurrences(_ bytes: [UInt8], _ needle: String) -> Int {
        let pattern = Array(needle.uppercased().utf8)
        guard bytes.count >= pattern.count else { return 0 }
        var count = 0
        for start in 0...(bytes.count - pattern.count) where matches(bytes, at: start, pattern) { count += 1 }
        return count
    }

    static func containsCaseInsensitive(_ bytes: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.uppercased().utf8)
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where matches(bytes, at: start, pattern) { return true }
        return false
    }

    /// `pattern` (uppercase ASCII) at `start`, ASCII case-insensitively.
    static func matches(_ bytes: [UInt8], at start: Int, _ pattern: [UInt8]) -> Bool {
        guard bytes[start] == pattern[0] || bytes[start] == pattern[0] | 0x20 else { return false }
        for offset in 0..<pattern.count {
            var byte = bytes[start + offset]
            if byte >= 0x61, byte <= 0x7A { byte -= 0x20 }
            if byte != pattern[offset] { return false }
        }
        return true
    }
}

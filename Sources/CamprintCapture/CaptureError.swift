import CamprintWire

/// Why a capture file could not be read: a code, the byte offset in the file, an excerpt.
public struct CaptureError: Error, Hashable, Sendable, Encodable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable, Encodable {
        case unknownFormat = "capture.unknown-format"
        case truncatedHeader = "capture.truncated-header"
        case truncatedRecord = "capture.truncated-record"
        case badBlockLength = "capture.bad-block-length"
        case badByteOrderMagic = "capture.bad-byte-order-magic"
        case unknownInterface = "capture.unknown-interface"
        case tooLarge = "capture.too-large"
        case tooManyPackets = "capture.too-many-packets"
        case tooManyInterfaces = "capture.too-many-interfaces"
        case packetTooLarge = "capture.packet-too-large"
    }

    public var code: Code
    public var offset: Int
    public var excerpt: String

    public init(_ code: Code, at offset: Int, in bytes: [UInt8]) {
        self.code = code
        self.offset = offset
        let start = min(max(0, offset), bytes.count)
        excerpt = Excerpt.make(bytes[start..<min(bytes.count, start + 16)])
    }

    public var description: String { "\(code.rawValue) at byte \(offset): \(excerpt)" }
}

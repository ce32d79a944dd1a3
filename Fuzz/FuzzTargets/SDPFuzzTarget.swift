import CamprintSDP
import CamprintWire

extension FuzzTargets {
    /// `CamprintSDP`: parse, exact and text round trips, codec views.
    public static func sdp(_ input: [UInt8]) {
        let limits = SDPLimits(maxInputBytes: 65_536, maxSpropNALUnits: 8, maxSpropDecodedBytes: 4_096)
        guard let parsed = try? SessionDescription(parsing: input, limits: limits) else { return }

        // Every byte is kept: the serialized bytes are the input, and parsing them again is equal.
        precondition(parsed.serializedBytes() == input, "serializedBytes() differs from the input")
        precondition((try? SessionDescription(parsing: parsed.serializedBytes(), limits: limits)) == parsed)
        // The text form round-trips whenever the input was valid UTF-8.
        if String(validating: input, as: UTF8.self) != nil {
            let text = Array(parsed.serialize().utf8)
            precondition((try? SessionDescription(parsing: text, limits: limits)) == parsed, "parse(serialize(x)) != x")
        }

        for media in parsed.media {
            _ = media.h264(limits: limits)
            _ = media.h265(limits: limits)
            for format in media.media.formats.prefix(4) {
                let h264 = media.h264(format: format, limits: limits)
                let h265 = media.h265(format: format, limits: limits)
                precondition(h264.spropParameterSets.count <= limits.maxSpropNALUnits)
                precondition(
                    h265.spropVPS.count + h265.spropSPS.count + h265.spropPPS.count <= 2 * limits.maxSpropNALUnits
                )
            }
        }
        _ = parsed.mediaHeaders
    }
}

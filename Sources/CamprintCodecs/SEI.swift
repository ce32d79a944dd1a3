public import CamprintWire

/// The SEI messages of one SEI NAL unit: H.264 type 6 (§7.3.2.3), H.265 prefix 39 / suffix 40
/// (§7.3.2.4).
public struct SEI: Hashable, Sendable, Encodable {
    public var codec: VideoCodec
    public var messages: [SEIMessage]
    /// `sei.payload.truncated` (payload cut by the end of the NAL unit; the bytes present are
    /// kept), `sei.payload.size-over-limit`, `sei.header.truncated` (type or size bytes cut),
    /// `sei.messages.over-limit`, `sei.trailing-bits.missing`.
    public var quirks: [Quirk]

    /// Parses an SEI NAL unit (header included, no start code) of `codec`.
    public init(parsingNALUnit nalUnit: some Collection<UInt8>, codec: VideoCodec, limits: CodecLimits = .default)
        throws(CodecError)
    {
        let bytes = Array(nalUnit)
        guard bytes.count >= codec.nalHeaderLength else {
            throw CodecError(.missingNALHeader, offset: 0, excerpt: "NAL unit shorter than its header")
        }
        let isSEI =
            switch codec {
            case .h264: H264.NALHeader(bytes[0]).nalUnitType == .sei
            case .h265: H265.NALHeader(bytes[0], bytes[1]).nalUnitType.isSEI
            }
        guard isSEI else {
            throw CodecError(
                .unexpectedNALUnitType,
                offset: 0,
                excerpt: "not an SEI NAL unit: \(Hex.encode(bytes.prefix(2)))"
            )
        }
        self.init(
            rbsp: EmulationPrevention.removed(from: bytes.dropFirst(codec.nalHeaderLength)),
            codec: codec,
            limits: limits
        )
    }

    /// Parses `sei_rbsp()` given without NAL header and with emulation prevention removed.
    public init(rbsp: [UInt8], codec: VideoCodec, limits: CodecLimits = .default) {
        self.codec = codec
        messages = []
        quirks = []
        var offset = 0
        while offset < rbsp.count {
            // rbsp_trailing_bits: a lone 0x80 (possibly followed by zero bytes) ends the RBSP.
            if rbsp[offset] == 0x80, rbsp[(offset + 1)...].allSatisfy({ $0 == 0 }) { return }
            guard messages.count < limits.maxSEIMessagesPerNALUnit else {
                quirks.append(
                    Quirk("sei.messages.over-limit", "more than \(limits.maxSEIMessagesPerNALUnit)", offset: offset)
                )
                return
            }
            let start = offset
            guard let payloadType = Self.readVarInt(rbsp, &offset, limit: limits.maxSEIPayloadSize),
                let payloadSize = Self.readVarInt(rbsp, &offset, limit: Int.max / 2)
            else {
                quirks.append(Quirk("sei.header.truncated", "payload type or size cut", offset: start))
                return
            }
            guard payloadSize <= limits.maxSEIPayloadSize else {
                quirks.append(Quirk("sei.payload.size-over-limit", "payloadSize \(payloadSize)", offset: start))
                return
            }
            let available = Swift.min(payloadSize, rbsp.count - offset)
            let payload = Array(rbsp[offset..<offset + available])
            let truncated = available < payloadSize
            if truncated {
                quirks.append(
                    Quirk(
                        "sei.payload.truncated",
                        "type \(payloadType): \(available) of \(payloadSize) bytes",
                        offset: start
                    )
                )
            }
            messages.append(
                SEIMessage(
                    payloadType: payloadType,
                    payloadSize: payloadSize,
                    offset: start,
                    payload: HexBytes(payload),
                    isTruncated: truncated,
                    content: Self.content(type: payloadType, payload: payload, codec: codec)
                )
            )
            offset += available
            if truncated { return }
        }
        quirks.append(Quirk("sei.trailing-bits.missing", "no rbsp_trailing_bits", offset: rbsp.count))
    }

    /// The ff_byte-extended value of D.1 / D.2 (payloadType, payloadSize); `nil` when cut or
    /// above `limit`.
    static func readVarInt(_ bytes: [UInt8], _ offset: inout Int, limit: Int) -> Int? {
        var value = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            value += Int(byte)
            if byte != 0xFF { return value }
            guard value <= limit else { return nil }
        }
        return nil
    }

    static func content(type: Int, payload: [UInt8], codec: VideoCodec) -> SEIMessage.Content {
        switch type {
        case 5 where payload.count >= 16:
            return .userDataUnregistered(uuid: HexBytes(payload.prefix(16)), data: HexBytes(payload.dropFirst(16)))
        case 6:
            var reader = RBSPReader(rbsp: payload)
            do throws(CodecError) {
                let count = codec == .h264 ? try reader.ue("recovery_frame_cnt") : try reader.se("recovery_poc_cnt")
                let exact = try reader.flag("exact_match_flag")
                let broken = try reader.flag("broken_link_flag")
                let changing = codec == .h264 ? try reader.u(2, "changing_slice_group_idc") : nil
                return .recoveryPoint(
                    SEIMessage.RecoveryPoint(
                        recoveryCount: count,
                        exactMatchFlag: exact,
                        brokenLinkFlag: broken,
                        changingSliceGroupIdc: changing
                    )
                )
            } catch {
                return .raw
            }
        default:
            return .raw
        }
    }
}

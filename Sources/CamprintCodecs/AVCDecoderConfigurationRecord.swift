public import CamprintWire

/// `AVCDecoderConfigurationRecord` (`avcC` box payload), ISO/IEC 14496-15 §5.3.3.1.
public struct AVCDecoderConfigurationRecord: Hashable, Sendable, Encodable {
    public var configurationVersion: UInt8
    public var avcProfileIndication: UInt8
    public var profileCompatibility: UInt8
    public var avcLevelIndication: UInt8
    /// lengthSizeMinusOne + 1: bytes of each NAL unit length in samples.
    public var nalUnitLengthSize: Int
    public var sequenceParameterSetNALUnits: [HexBytes]
    public var pictureParameterSetNALUnits: [HexBytes]
    /// The SPS NAL units that parsed.
    public var sequenceParameterSets: [H264.SPS]
    public var pictureParameterSets: [H264.PPS]
    /// High-profile extension fields, when present.
    public var chromaFormat: Int?
    public var bitDepthLumaMinus8: Int?
    public var bitDepthChromaMinus8: Int?
    /// `avcc.sps.unparsable`, `avcc.pps.unparsable`, `avcc.extension.truncated`,
    /// `avcc.trailing-bytes`.
    public var quirks: [Quirk]

    /// Parses the payload of an `avcC` box (without the box header).
    public init(parsing bytes: some Collection<UInt8>, limits: CodecLimits = .default) throws(CodecError) {
        var reader = ByteReader(bytes)
        func truncated(_ what: String) -> CodecError {
            CodecError(.truncated, offset: reader.offset, excerpt: "avcC \(what)")
        }
        guard let version = reader.readUInt8(), let profile = reader.readUInt8(),
            let compatibility = reader.readUInt8(), let level = reader.readUInt8(),
            let lengthByte = reader.readUInt8(), let spsCountByte = reader.readUInt8()
        else { throw truncated("header") }
        guard version == 1 else {
            throw CodecError(.unsupportedVersion, offset: 0, excerpt: "configurationVersion \(version)")
        }
        configurationVersion = version
        avcProfileIndication = profile
        profileCompatibility = compatibility
        avcLevelIndication = level
        nalUnitLengthSize = Int(lengthByte & 0x03) + 1
        quirks = []
        sequenceParameterSetNALUnits = []
        pictureParameterSetNALUnits = []
        sequenceParameterSets = []
        pictureParameterSets = []
        for _ in 0..<Int(spsCountByte & 0x1F) {
            guard let length = reader.readUInt16(), let unit = reader.readBytes(Int(length)) else {
                throw truncated("sequenceParameterSetNALUnit")
            }
            sequenceParameterSetNALUnits.append(HexBytes(unit))
        }
        guard let ppsCount = reader.readUInt8() else { throw truncated("numOfPictureParameterSets") }
        guard Int(spsCountByte & 0x1F) + Int(ppsCount) <= limits.maxParameterSetsPerRecord else {
            throw CodecError(.limitExceeded, offset: reader.offset, excerpt: "\(ppsCount) PPS")
        }
        for _ in 0..<Int(ppsCount) {
            guard let length = reader.readUInt16(), let unit = reader.readBytes(Int(length)) else {
                throw truncated("pictureParameterSetNALUnit")
            }
            pictureParameterSetNALUnits.append(HexBytes(unit))
        }
        if [100, 110, 122, 144].contains(profile), !reader.isAtEnd {
            if let chroma = reader.readUInt8(), let luma = reader.readUInt8(), let chromaDepth = reader.readUInt8(),
                let extensionCount = reader.readUInt8()
            {
                chromaFormat = Int(chroma & 0x03)
                bitDepthLumaMinus8 = Int(luma & 0x07)
                bitDepthChromaMinus8 = Int(chromaDepth & 0x07)
                for _ in 0..<Int(extensionCount) {
                    guard let length = reader.readUInt16(), reader.skip(Int(length)) else {
                        quirks.append(Quirk("avcc.extension.truncated", "", offset: reader.offset))
                        break
                    }
                }
            } else {
                quirks.append(Quirk("avcc.extension.truncated", "", offset: reader.offset))
            }
        }
        if !reader.isAtEnd {
            quirks.append(Quirk("avcc.trailing-bytes", "\(reader.remaining) bytes", offset: reader.offset))
        }
        for unit in sequenceParameterSetNALUnits {
            do { sequenceParameterSets.append(try H264.SPS(parsing: unit.bytes, limits: limits)) } catch {
                quirks.append(Quirk("avcc.sps.unparsable", error.description))
            }
        }
        for unit in pictureParameterSetNALUnits {
            do { pictureParameterSets.append(try H264.PPS(parsing: unit.bytes, limits: limits)) } catch {
                quirks.append(Quirk("avcc.pps.unparsable", error.description))
            }
        }
    }
}

import CamprintCodecs
import CamprintFFmpeg
import CamprintWire

/// Turns a container's video packets (``MediaFileDemuxer``) into the emulator's access units:
/// length-prefixed samples (ISO/IEC 14496-15 §5.3.2) become NAL units, the avcC/hvcC record
/// gives the parameter sets, which are put in band before every keyframe that lacks them (as
/// cameras send them), and pts become presentation positions in frame periods.
enum ContainerMedia {
    struct Parts {
        var codec: VideoCodec
        var accessUnits: [MediaSource.AccessUnit]
        var parameterSets: MediaSource.ParameterSets
        var frameRate: Double?
    }

    static func read(path: String) throws(PersonaError) -> Parts {
        let video: DemuxedVideo
        do {
            video = try MediaFileDemuxer.read(path: path)
        } catch {
            throw PersonaError("cannot read \(path): \(error)")
        }
        let codec = video.codec
        var parameterSets = MediaSource.ParameterSets()
        var lengthSize: Int?
        let extradata = video.extradata
        if extradata.first == 1, extradata.count >= 7 {
            switch codec {
            case .h264:
                guard let record = try? AVCDecoderConfigurationRecord(parsing: extradata) else {
                    throw PersonaError("\(path): unreadable avcC record")
                }
                lengthSize = record.nalUnitLengthSize
                parameterSets.sps = record.sequenceParameterSetNALUnits.first?.bytes
                parameterSets.pps = record.pictureParameterSetNALUnits.first?.bytes
            case .h265:
                guard let record = try? HEVCDecoderConfigurationRecord(parsing: extradata) else {
                    throw PersonaError("\(path): unreadable hvcC record")
                }
                lengthSize = record.nalUnitLengthSize
                for array in record.arrays {
                    guard let nal = array.nalUnits.first?.bytes else { continue }
                    switch array.nalUnitType {
                    case .vps: parameterSets.vps = parameterSets.vps ?? nal
                    case .sps: parameterSets.sps = parameterSets.sps ?? nal
                    case .pps: parameterSets.pps = parameterSets.pps ?? nal
                    default: break
                    }
                }
            }
        } else {
            for range in AnnexB.nalUnitRanges(in: extradata) where !range.isEmpty {
                let nal = Array(extradata[range])
                parameterSets.note(nal, MediaSource.classify(nal, codec: codec).parameterSet)
            }
        }
        var units: [[[UInt8]]] = []
        var keyframes: [Bool] = []
        var stamps: [Int64?] = []
        for packet in video.packets {
            var nalUnits: [[UInt8]] = []
            if let lengthSize {
                guard let split = try? LengthPrefixed.split(packet.data, lengthSize: lengthSize) else {
                    throw PersonaError("\(path): packet with a bad NAL length")
                }
                nalUnits = split.units.map { Array(packet.data[$0]) }
            } else {
                nalUnits = AnnexB.nalUnitRanges(in: packet.data).filter { !$0.isEmpty }.map { Array(packet.data[$0]) }
            }
            var isKeyframe = packet.isKeyframe
            for nal in nalUnits where !nal.isEmpty {
                let info = MediaSource.classify(nal, codec: codec)
                parameterSets.note(nal, info.parameterSet)
                if info.isKeyframe { isKeyframe = true }
            }
            guard nalUnits.contains(where: { !$0.isEmpty && MediaSource.classify($0, codec: codec).isVCL }) else {
                continue
            }
            units.append(nalUnits)
            keyframes.append(isKeyframe)
            stamps.append(packet.pts)
        }
        guard !units.isEmpty else { throw PersonaError("no pictures in \(path)") }
        let inBand = [parameterSets.vps, parameterSets.sps, parameterSets.pps].compactMap { $0 }
        let order = presentationOrder(stamps)
        var accessUnits: [MediaSource.AccessUnit] = []
        for index in units.indices {
            var nalUnits = units[index].filter { !$0.isEmpty }
            if keyframes[index],
                !nalUnits.contains(where: { MediaSource.classify($0, codec: codec).parameterSet == .sps })
            {
                let firstVCL = nalUnits.firstIndex { MediaSource.classify($0, codec: codec).isVCL } ?? 0
                nalUnits.insert(contentsOf: inBand, at: firstVCL)
            }
            accessUnits.append(
                MediaSource.AccessUnit(
                    nalUnits: nalUnits,
                    isKeyframe: keyframes[index],
                    presentationIndex: order[index]
                )
            )
        }
        return Parts(codec: codec, accessUnits: accessUnits, parameterSets: parameterSets, frameRate: video.frameRate)
    }

    /// The rank of each packet's pts among all pts (its position in presentation order); decode
    /// order when a packet has none.
    static func presentationOrder(_ pts: [Int64?]) -> [Int] {
        let stamps = pts.compactMap { $0 }
        guard stamps.count == pts.count else { return Array(pts.indices) }
        let sorted = pts.indices.sorted { (stamps[$0], $0) < (stamps[$1], $1) }
        var rank = Array(repeating: 0, count: pts.count)
        for (position, index) in sorted.enumerated() { rank[index] = position }
        return rank
    }
}
